// A library file's bytes must fit its declared type: an HTML page cannot be uploaded as a PDF,
// an image or plain text (it would then be served from the app's origin).
import { describe, expect, it } from 'vitest';
import { contentAgrees, validateFileDoc } from '../../../src/lib/domain/files';

const bytes = (text: string) => new TextEncoder().encode(text);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('contentAgrees', () => {
	it('accepts files whose bytes fit their type', () => {
		expect(contentAgrees('application/pdf', bytes('%PDF-1.7\n'))).toBe(true);
		expect(contentAgrees('image/png', PNG)).toBe(true);
		expect(contentAgrees('image/jpeg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
		expect(contentAgrees('image/gif', bytes('GIF89a'))).toBe(true);
		expect(contentAgrees('image/webp', bytes('RIFF\0\0\0\0WEBPVP8 '))).toBe(true);
		expect(
			contentAgrees('application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes('PK\x03\x04rest'))
		).toBe(true);
		expect(contentAgrees('application/msword', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(
			true
		);
		expect(contentAgrees('text/csv', bytes('a,b\n1,2\n'))).toBe(true);
		expect(
			contentAgrees('image/svg+xml', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'))
		).toBe(true);
	});

	it('refuses markup and mismatches', () => {
		const page = bytes('<!doctype html><script>alert(1)</script>');
		for (const type of [
			'application/pdf',
			'image/png',
			'image/jpeg',
			'text/plain',
			'text/csv',
			'application/vnd.oasis.opendocument.text',
			'image/svg+xml'
		]) {
			expect(contentAgrees(type, page), type).toBe(false);
		}
		expect(contentAgrees('image/png', bytes('%PDF-1.7'))).toBe(false);
		expect(contentAgrees('text/plain', Uint8Array.from([0x41, 0, 0x42]))).toBe(false);
		expect(contentAgrees('application/x-unknown', PNG)).toBe(false);
	});

	it('is applied to the bytes a file document carries inline', () => {
		const doc = (type: string, content: string) => ({
			_id: 'file:01JFAB00000000000000000000',
			type: 'file',
			author: 'ana',
			createdAt: '2026-01-01T00:00:00.000Z',
			name: 'x',
			contentType: type,
			size: content.length,
			_attachments: { file: { content_type: type, data: btoa(content) } }
		});
		expect(validateFileDoc(doc('application/pdf', '%PDF-1.4 body'))).toEqual({ ok: true });
		expect(validateFileDoc(doc('application/pdf', '<html><script>x</script>'))).toMatchObject({
			ok: false,
			reason: expect.stringContaining('not application/pdf')
		});
	});
});
