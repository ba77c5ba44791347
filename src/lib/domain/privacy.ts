// The privacy notice and a member's consent to it, as /api/privacy answers them: one shape for
// the server (server/privacy) and the app (sync/privacy.ts), which checks what it receives.
import * as v from 'valibot';

export const privacyNoticeSchema = v.object({
	/** Changes whenever members must be asked to read it again (server/privacy/notice.ts). */
	version: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
	markdown: v.string(),
	/** When the operator last changed the file; null for the built-in notice. */
	updatedAt: v.nullable(v.string()),
	source: v.picklist(['operator', 'default'])
});

export const consentStateSchema = v.object({
	/** The current notice's version. */
	version: v.string(),
	/** What the member last agreed to; null when never (accounts made by an admin or the demo). */
	consented: v.nullable(v.object({ version: v.string(), consentedAt: v.string() })),
	upToDate: v.boolean()
});

export type PrivacyNotice = v.InferOutput<typeof privacyNoticeSchema>;
export type ConsentState = v.InferOutput<typeof consentStateSchema>;
