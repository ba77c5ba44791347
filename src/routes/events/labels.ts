// Plain words for an event's kind (event screens). Functions, so they read the language in use.
import { EVENT_KINDS } from '$lib/domain/schemas';
import { t } from '$lib/i18n';

export { EVENT_KINDS };

type EventKind = (typeof EVENT_KINDS)[number];

const isKind = (kind: string): kind is EventKind => (EVENT_KINDS as readonly string[]).includes(kind);

/** "webinar", "workshop"… in the interface language; an unknown kind as it is stored. */
export const kindLabel = (kind: string): string => (isKind(kind) ? t(`events:kind.${kind}`) : kind);
