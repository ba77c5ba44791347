// Outgoing email, only when the operator configures it: SMTP_URL (e.g.
// smtps://user:pass@mail.example.org or smtp://10.0.0.5:25) and MAIL_FROM. Without SMTP_URL
// there is no mailer at all: nothing is sent, nothing is tried, and the pages say that email is
// not set up on this server.
import { createTransport } from 'nodemailer';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html?: string;
}

export interface Mailer {
	send(message: MailMessage): Promise<void>;
	close(): void;
}

export interface MailConfig {
	smtpUrl?: string;
	from?: string;
}

/** A mailer for the configured SMTP server, or null when email is not set up. */
export function createMailer(config: MailConfig): Mailer | null {
	const url = config.smtpUrl?.trim();
	if (!url) return null;
	const transport = createTransport(url);
	const from = config.from?.trim() || 'Praxis <praxis@localhost>';
	return {
		async send(message) {
			await transport.sendMail({ from, ...message });
		},
		close: () => transport.close()
	};
}

/** A plausible email address (the confirmation link proves it). */
export function isEmailAddress(value: unknown): value is string {
	return (
		typeof value === 'string' && value.length <= 254 && /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(value)
	);
}

/** Text for HTML bodies. */
export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
	);
}
