/// <reference types="vite/client" />
// Loaded on demand (one chunk per language) when the member's language is not English.
import type { Namespace } from './en';

const files = import.meta.glob<Record<string, unknown>>('./fr/*.json', { eager: true, import: 'default' });

export const fr = Object.fromEntries(
	Object.entries(files).map(([path, strings]) => [path.slice(path.lastIndexOf('/') + 1, -'.json'.length), strings])
) as Record<Namespace, Record<string, unknown>>;
