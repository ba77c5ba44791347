import { describe, expect, it } from 'vitest';
import { hubAddressFrom, hubJoinLink } from '../../../src/lib/domain/hub-link';

describe('hub join links', () => {
	it('open the member’s own Praxis at /hub with the hub’s address', () => {
		expect(hubJoinLink('https://praxis.example.org', 'http://192.168.1.20:3000')).toBe(
			'https://praxis.example.org/hub?connect=http%3A%2F%2F192.168.1.20%3A3000'
		);
		expect(hubJoinLink('https://praxis.example.org/', 'http://10.0.0.7:3000')).toBe(
			'https://praxis.example.org/hub?connect=http%3A%2F%2F10.0.0.7%3A3000'
		);
	});

	it('give back the hub address from a scanned link, a bare address or anything else', () => {
		const link = hubJoinLink('https://praxis.example.org', 'http://192.168.1.20:3000');
		expect(hubAddressFrom(link)).toBe('http://192.168.1.20:3000');
		expect(hubAddressFrom('  http://192.168.1.20:3000 ')).toBe('http://192.168.1.20:3000');
		expect(hubAddressFrom('192.168.1.20:3000')).toBe('192.168.1.20:3000');
		expect(hubAddressFrom('not a hub')).toBe('not a hub');
	});
});
