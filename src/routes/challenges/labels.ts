// Words for a challenge's dates and state, shared by the challenge screens, in the interface
// language when they are shown.
import { dayInWords, type ChallengeStatus } from '../../lib/domain/challenges';
import { formatDate, locale, t } from '../../lib/i18n';

/** "14 January 2027" (the UTC day, as the server counts it); English keeps the domain's wording. */
function day(instant: string): string {
	if (locale() === 'en') return dayInWords(instant);
	return formatDate(instant, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) || instant;
}

/** "Open until 14 January 2027", "Opens on 1 February 2027"… */
export function whenText(c: {
	status: ChallengeStatus;
	opensAt: string;
	closesAt: string;
	announcedAt?: string;
}): string {
	switch (c.status) {
		case 'upcoming':
			return t('challenges:when.upcoming', { opens: day(c.opensAt), closes: day(c.closesAt) });
		case 'open':
			return t('challenges:when.open', { closes: day(c.closesAt) });
		case 'judging':
			return t('challenges:when.judging', { closes: day(c.closesAt) });
		default:
			return t('challenges:when.past', { announced: day(c.announcedAt ?? c.closesAt) });
	}
}

/** "1st place"… */
export function placeText(place: number): string {
	return t('challenges:place', { count: place, ordinal: true });
}
