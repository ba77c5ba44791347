// README.txt of a member's data export: what each part of the ZIP holds, in plain words.
export interface ExportCounts {
	privateDocs: number;
	receivedMessages: number;
	authored: number;
	files: number;
}

export function exportReadme(name: string, exportedAt: string, counts: ExportCounts): string {
	return `Your data from Praxis
=====================

Member: ${name}
Made: ${exportedAt}

This ZIP file holds what Praxis keeps about you on the server, as it was when you asked for it.
The .json files are text: open them with any text editor. Dates are in UTC.

profile.json
  Your account (username, display name, roles, when you joined, which privacy notice you read
  and when) and your profile: the fields every member can see ("profile"), and the fields you
  keep to yourself ("privateFields"). Your password is not in it: the server never keeps it,
  only a scrambled form of it that cannot be turned back into the password.

private/   (${counts.privateDocs} items)
  Your private space, which only you can read: your "Only me" profile fields and your direct
  messages, the ones you sent and the ones you received (${counts.receivedMessages} received).
  A message someone sent you is included because it was written to you: it shows their username
  and what they wrote to you, nothing else of theirs.

authored/   (${counts.authored} items)
  Everything you wrote in the community, in its current version, one folder per kind: threads,
  replies (post), votes, library resources, reviews, comments, ratings, events, replies to
  invitations (rsvp), mentorship requests, and the certificates of the devices you signed in on.
  Things you deleted are not included. "signature" is the proof that your device wrote it.
  Things other members wrote are not included, even in your threads.

files/   (${counts.files} files)
  The files you uploaded to the library, with their original names. files.json lists each
  one with its type, size, and when you uploaded it.

Not included: other members' profiles, posts and files; what is kept only on your devices
(drafts, changes still waiting to be sent); and the server's request log, which never holds
what you wrote.
`;
}
