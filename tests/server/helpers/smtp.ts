// An SMTP server inside the test (the smtp-server package): it keeps every message it receives,
// decoded enough to read (headers, and quoted-printable or base64 text parts).
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
	subject: string;
	/** The message's text with transfer encodings undone (all parts, one after another). */
	text: string;
}

export interface TestSmtp {
	url: string;
	mails: ReceivedMail[];
	/** Resolves with every mail once at least `total` have been received in all. */
	waitFor(total: number, timeoutMs?: number): Promise<ReceivedMail[]>;
	close(): Promise<void>;
}

function decodePart(headers: string, body: string): string {
	if (/content-transfer-encoding:\s*base64/i.test(headers))
		return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
		const joined = body.replace(/=\r?\n/g, '');
		const bytes: number[] = [];
		for (let i = 0; i < joined.length; i++) {
			const hex = joined[i] === '=' ? joined.slice(i + 1, i + 3) : '';
			if (/^[0-9A-F]{2}$/i.test(hex)) {
				bytes.push(parseInt(hex, 16));
				i += 2;
			} else bytes.push(...Buffer.from(joined[i], 'utf8'));
		}
		return Buffer.from(bytes).toString('utf8');
	}
	return body;
}

/** Every text part of a MIME message, decoded. */
export function readableText(raw: string): string {
	const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
	return parts
		.map((part) => {
			const split = part.search(/\r?\n\r?\n/);
			if (split < 0) return '';
			return decodePart(part.slice(0, split), part.slice(split).replace(/^\r?\n\r?\n/, ''));
		})
		.join('\n');
}

export async function startTestSmtp(): Promise<TestSmtp> {
	const mails: ReceivedMail[] = [];
	let waiters: Array<() => void> = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Uint8Array[] = [];
			stream.on('data', (c: Buffer) => chunks.push(new Uint8Array(c)));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const subject = /^subject:\s*(.*)$/im.exec(raw)?.[1]?.trim() ?? '';
				mails.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw,
					subject,
					text: readableText(raw)
				});
				for (const w of waiters) w();
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		mails,
		waitFor(total, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`expected ${total} mails, got ${mails.length}`)), timeoutMs);
				const check = () => {
					if (mails.length < total) return;
					clearTimeout(timer);
					waiters = waiters.filter((w) => w !== check);
					resolve([...mails]);
				};
				waiters.push(check);
				check();
			});
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
