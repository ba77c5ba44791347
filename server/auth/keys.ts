// The server's Ed25519 signing key: created on first start and kept as JWK files under
// DATA_DIR/keys (mode 600), so sessions survive restarts and meetup hubs can verify them
// with the published public key.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PublicJwk {
	kty: 'OKP';
	crv: 'Ed25519';
	x: string;
	kid: string;
	alg: 'EdDSA';
	use: 'sig';
}

export interface SigningKey {
	kid: string;
	privateKey: KeyObject;
	publicKey: KeyObject;
	publicJwk: PublicJwk;
}

const PRIVATE_FILE = 'session-ed25519.private.jwk.json';
const PUBLIC_FILE = 'session-ed25519.public.jwk.json';

/** RFC 7638 thumbprint of an OKP key: SHA-256 over its required members in lexical order. */
export function jwkThumbprint(x: string): string {
	return createHash('sha256')
		.update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x }))
		.digest('base64url');
}

function fromPrivateKey(privateKey: KeyObject): SigningKey {
	const publicKey = createPublicKey(privateKey);
	const jwk = publicKey.export({ format: 'jwk' });
	if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
		throw new Error('the session key is not an Ed25519 key');
	}
	const kid = jwkThumbprint(jwk.x);
	return {
		kid,
		privateKey,
		publicKey,
		publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' }
	};
}

/** A key that lives only in memory (tests, or a store without a data folder). */
export function ephemeralSigningKey(): SigningKey {
	return fromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

/** Loads the key pair from `dir`, creating it (mode 600) on first use. */
export function loadOrCreateSigningKey(dir: string): SigningKey {
	const privatePath = join(dir, PRIVATE_FILE);
	if (existsSync(privatePath)) {
		const jwk: unknown = JSON.parse(readFileSync(privatePath, 'utf8'));
		if (typeof jwk !== 'object' || jwk === null) throw new Error(`${privatePath} is not a JWK`);
		return fromPrivateKey(createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }));
	}
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	const key = ephemeralSigningKey();
	const privateJwk = { ...key.privateKey.export({ format: 'jwk' }), kid: key.kid, alg: 'EdDSA' };
	// 'wx' fails if another process created the file meanwhile: then read theirs.
	try {
		writeFileSync(privatePath, JSON.stringify(privateJwk, null, '\t') + '\n', { mode: 0o600, flag: 'wx' });
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSigningKey(dir);
		throw err;
	}
	writeFileSync(join(dir, PUBLIC_FILE), JSON.stringify(key.publicJwk, null, '\t') + '\n', { mode: 0o600 });
	chmodSync(privatePath, 0o600);
	return key;
}
