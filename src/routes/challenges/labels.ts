// Words for a challenge's dates and state, shared by the challenge screens.
import { dayInWords, type ChallengeStatus } from '../../lib/domain/challenges';

/** "Open until 14 January 2027", "Opens on 1 February 2027"… */
export function whenText(c: {
	status: ChallengeStatus;
	opensAt: string;
	closesAt: string;
	announcedAt?: string;
}): string {
	switch (c.status) {
		case 'upcoming':
			return `Opens on ${dayInWords(c.opensAt)}, closes on ${dayInWords(c.closesAt)}`;
		case 'open':
			return `Open until ${dayInWords(c.closesAt)}`;
		case 'judging':
			return `Closed on ${dayInWords(c.closesAt)}: the judges are scoring the entries`;
		default:
			return `Winners announced on ${dayInWords(c.announcedAt ?? c.closesAt)}`;
	}
}

/** "1st place"… */
export function placeText(place: number): string {
	const suffix = place === 1 ? 'st' : place === 2 ? 'nd' : place === 3 ? 'rd' : 'th';
	return `${place}${suffix} place`;
}
