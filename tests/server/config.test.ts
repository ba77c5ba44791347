// The server's configuration (server/config.ts): the defaults, each variable, and bad values
// refused with a message naming the variable.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { readServerConfig, readStoreConfig, type ServerConfig } from '../../server/config';

const CREDENTIAL = 'praxis-hub:hall:' + 'a'.repeat(43);

function read(env: Record<string, string>, argv: string[] = []): ServerConfig {
	const config = readServerConfig(env, { argv, version: '1.2.3', readFile: () => CREDENTIAL });
	if ('error' in config) throw new Error(config.error);
	return config;
}

function refusal(env: Record<string, string>, argv: string[] = []): string {
	const config = readServerConfig(env, { argv });
	if (!('error' in config)) throw new Error('accepted');
	return config.error;
}

describe('readServerConfig', () => {
	it('has working defaults for an empty environment', () => {
		expect(read({})).toEqual({
			port: 3000,
			host: '127.0.0.1',
			store: { dataDir: resolve('./data') },
			app: {
				version: '1.2.3',
				staticDir: resolve('./build'),
				dataDir: resolve('./data'),
				demo: true,
				secureCookies: false,
				logRequests: true,
				allowedOrigins: [],
				publicUrl: 'http://localhost:3000',
				autoHideFlags: 3,
				openDataLicense: 'CC-BY-4.0'
			},
			trustProxy: false,
			requireSignatures: true,
			mail: { smtpUrl: undefined, from: undefined },
			writeLimits: { writesPerMinute: 120, messagesPerMinute: 30 },
			hub: { hub: false }
		});
		expect((readServerConfig({}) as ServerConfig).app.version).toBe('0.0.0');
	});

	it('reads how many flags hide an item until a moderator decides', () => {
		expect(read({ PRAXIS_AUTO_HIDE_FLAGS: '5' }).app.autoHideFlags).toBe(5);
		expect(read({ PRAXIS_AUTO_HIDE_FLAGS: ' ' }).app.autoHideFlags).toBe(3);
		for (const wrong of ['0', '-2', '2.5', 'many'])
			expect(refusal({ PRAXIS_AUTO_HIDE_FLAGS: wrong })).toMatch(/PRAXIS_AUTO_HIDE_FLAGS must be a whole number/);
	});

	it('reads the per-member write limits, 0 turning one off, and refuses anything but a whole number', () => {
		expect(read({ PRAXIS_WRITE_LIMIT_PER_MINUTE: '600', PRAXIS_MESSAGE_LIMIT_PER_MINUTE: ' 0 ' }).writeLimits).toEqual({
			writesPerMinute: 600,
			messagesPerMinute: 0
		});
		expect(read({ PRAXIS_WRITE_LIMIT_PER_MINUTE: '' }).writeLimits.writesPerMinute).toBe(120);
		for (const bad of ['-1', '1.5', 'lots', '1e3', '99999999999999999999'])
			expect(refusal({ PRAXIS_WRITE_LIMIT_PER_MINUTE: bad })).toBe(
				`PRAXIS_WRITE_LIMIT_PER_MINUTE must be a whole number of writes a minute (0 for no limit), not ${bad}`
			);
		expect(refusal({ PRAXIS_MESSAGE_LIMIT_PER_MINUTE: 'ten' })).toMatch(/^PRAXIS_MESSAGE_LIMIT_PER_MINUTE must be/);
	});

	it('reads the listening address and the store', () => {
		expect(read({ PORT: '8080' })).toMatchObject({ port: 8080, app: { publicUrl: 'http://localhost:8080' } });
		expect(read({ PORT: '0' })).toMatchObject({ port: 0, app: { publicUrl: 'http://localhost:3000' } });
		expect(read({ HOST: '::' }).host).toBe('::');
		expect(read({ DATA_DIR: '/var/praxis' })).toMatchObject({
			store: { dataDir: '/var/praxis' },
			app: { dataDir: '/var/praxis' }
		});
		expect(read({ STATIC_DIR: 'dist' }).app.staticDir).toBe(resolve('dist'));
		expect(read({ COUCHDB_URL: ' http://u:p@127.0.0.1:5984 ' }).store).toEqual({
			dataDir: resolve('./data'),
			couchdbUrl: 'http://u:p@127.0.0.1:5984'
		});
		expect(read({ COUCHDB_URL: '  ' }).store).toEqual({ dataDir: resolve('./data') });
	});

	it('reads each switch as the README documents it', () => {
		expect(read({ PRAXIS_DEMO: '0' }).app.demo).toBe(false);
		expect(read({ PRAXIS_DEMO: 'false' }).app.demo).toBe(false);
		expect(read({ PRAXIS_DEMO: '1' }).app.demo).toBe(true);
		expect(read({ PRAXIS_LOG: '0' }).app.logRequests).toBe(false);
		expect(read({ PRAXIS_LOG: 'false' }).app.logRequests).toBe(false);
		expect(read({ PRAXIS_SECURE_COOKIES: '1' }).app.secureCookies).toBe(true);
		expect(read({ PRAXIS_TRUST_PROXY: '1' }).trustProxy).toBe(true);
		expect(read({ PRAXIS_REQUIRE_SIGNATURES: '0' }).requireSignatures).toBe(false);
		expect(read({ PRAXIS_REQUIRE_SIGNATURES: '1' }).requireSignatures).toBe(true);
	});

	it('reads the origins, the public address and the mail server', () => {
		expect(
			read({ PRAXIS_ALLOWED_ORIGINS: 'http://localhost:5173, https://a.example.org,' }).app.allowedOrigins
		).toEqual(['http://localhost:5173', 'https://a.example.org']);
		expect(read({ PRAXIS_PUBLIC_URL: 'https://praxis.example.org/' }).app.publicUrl).toBe('https://praxis.example.org');
		expect(read({ SMTP_URL: 'smtp://mail.example.org', MAIL_FROM: 'Praxis <p@example.org>' }).mail).toEqual({
			smtpUrl: 'smtp://mail.example.org',
			from: 'Praxis <p@example.org>'
		});
	});

	it('reads hub mode from the arguments or the environment, and listens on every interface then', () => {
		const hub = { hub: true, upstream: 'http://10.0.0.2:3000', credential: CREDENTIAL };
		expect(
			read({ PRAXIS_HUB_CREDENTIAL_FILE: '/etc/praxis/hub' }, ['--hub', '--upstream', 'http://10.0.0.2:3000'])
		).toMatchObject({ hub, host: '0.0.0.0' });
		expect(
			read({
				PRAXIS_HUB: '1',
				PRAXIS_UPSTREAM: 'http://10.0.0.2:3000',
				PRAXIS_HUB_CREDENTIAL_FILE: '/etc/praxis/hub',
				HOST: '192.168.1.5'
			})
		).toMatchObject({ hub, host: '192.168.1.5' });
	});

	it('refuses bad values with a message naming the variable', () => {
		expect(refusal({ PORT: 'http' })).toBe('PORT must be a port number, not http');
		expect(refusal({ PORT: '70000' })).toBe('PORT must be a port number, not 70000');
		expect(refusal({ PORT: '-1' })).toMatch(/^PORT must be a port number/);
		expect(refusal({ PRAXIS_PUBLIC_URL: 'praxis.example.org' })).toBe(
			"PRAXIS_PUBLIC_URL must be the app's address like https://praxis.example.org, not praxis.example.org"
		);
		expect(refusal({ PRAXIS_PUBLIC_URL: 'https://example.org/praxis' })).toMatch(/^PRAXIS_PUBLIC_URL must be/);
		expect(refusal({ PRAXIS_ALLOWED_ORIGINS: 'http://localhost:5173,localhost' })).toBe(
			'PRAXIS_ALLOWED_ORIGINS must list origins like https://praxis.example.org, not localhost'
		);
		expect(refusal({ PRAXIS_UPSTREAM: 'http://10.0.0.2:3000' })).toBe('--upstream and the hub credential need --hub');
		expect(refusal({}, ['--bogus'])).toMatch(/^unknown option --bogus/);
	});
});

describe('readStoreConfig', () => {
	it('takes COUCHDB_URL when set, else DATA_DIR', () => {
		expect(readStoreConfig({})).toEqual({ dataDir: resolve('./data') });
		expect(readStoreConfig({ DATA_DIR: 'elsewhere', COUCHDB_URL: 'http://127.0.0.1:5984' })).toEqual({
			dataDir: resolve('elsewhere'),
			couchdbUrl: 'http://127.0.0.1:5984'
		});
	});
});
