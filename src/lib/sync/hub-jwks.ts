// Ed25519 public keys from a JWK set (the server's /api/auth/keys), as WebCrypto verify keys by kid.
import { SIGNED_ALGORITHM } from '../domain/signing';

export async function publicKeysFrom(keys: readonly unknown[]): Promise<Map<string, CryptoKey>> {
	const out = new Map<string, CryptoKey>();
	for (const jwk of keys) {
		const { kid, kty, crv, x } = (jwk ?? {}) as { kid?: unknown; kty?: unknown; crv?: unknown; x?: unknown };
		if (typeof kid !== 'string' || kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string') continue;
		try {
			out.set(
				kid,
				await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x }, SIGNED_ALGORITHM, true, ['verify'])
			);
		} catch {
			// a malformed key is skipped
		}
	}
	return out;
}
