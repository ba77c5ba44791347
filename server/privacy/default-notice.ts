// The notice served when the operator has not written DATA_DIR/privacy.md: what Praxis itself
// keeps (docs/privacy.md, in plain words). Operators should replace it with their own, naming
// who runs the server and how to reach them; changing this text asks members to read it again.
// Each paragraph is one line: the app's Markdown keeps line breaks, as in posts.
export const DEFAULT_NOTICE = `# Privacy notice

This Praxis server is run by the organisation that invited you. This notice says what Praxis keeps about you, where, and who can see it. The people who run this server have not written their own notice yet: ask them who they are and how to contact them about your data.

## What we keep about you

- **Your account**: your username, display name, the roles you hold (member, reviewer, moderator, administrator), when you joined, and which version of this notice you read. Your password is never stored: only a scrambled form of it that cannot be turned back into the password.
- **Your profile**: the fields you fill in. Fields set to *Members* can be seen by every signed-in member. Fields set to *Only me* are kept in your private space, which only you can read.
- **What you share with the community**: threads, replies, votes, library resources and their files, reviews, comments, ratings, events and replies to invitations, mentorship requests and answers. Every signed-in member can read them, with your name on them.
- **Your messages**: a direct message is kept in your private space and in the private space of the person you wrote to. Nobody else can read it.
- **Your devices**: each phone or computer you sign in on gets a key that signs what you write, so others can check it really comes from you. The list of your devices is visible to members.
- **A log of requests**: for each request, the time, the address asked for and the answer, never what you wrote.

## When you edit or delete something

The earlier version is removed from the server within about a minute. Members whose devices already copied it may still have seen it, and copies people saved or printed are beyond our reach.

## On your phone or computer

Praxis keeps a copy of the community and of your private space on your device, so that you can read and write without a connection. What you write waits there until it reaches the server.

- When you sign in on a computer that is **not your own**, leave "This is my own device" unticked: signing out then removes everything Praxis kept about you on that computer.
- On your own device, signing out can keep your data so that you can read offline later.

## Your rights

- **See and take your data**: on *Your account*, "Download my data" gives you a ZIP file with your profile, your private space, everything you wrote and the files you uploaded.
- **Correct it**: edit your profile and what you wrote at any time.
- **Delete your account**: ask the people who run this server.

## Changes to this notice

When this notice changes, Praxis tells you the next time you use it and asks you to read it again.
`;
