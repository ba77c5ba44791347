// Server configuration, read once from the environment by server/index.ts.
export interface AppConfig {
	version: string;
	/** Folder of the built SPA (adapter-static output); absent before the client is built. */
	staticDir: string;
	/** Where keys and (by default) the LevelDB databases live. */
	dataDir: string;
	/** Load demo members and threads on first start. */
	demo: boolean;
	/** Public origin when known (https turns on Secure cookies). */
	secureCookies: boolean;
	/** Log one line per request. */
	logRequests: boolean;
	/**
	 * Origins besides the app's own that may send cookie-authenticated writes (server/http/csrf.ts),
	 * e.g. the Vite dev server; PRAXIS_ALLOWED_ORIGINS, comma-separated.
	 */
	allowedOrigins?: readonly string[];
	/** The app's public address, for links in emails (PRAXIS_PUBLIC_URL; default http://localhost:PORT). */
	publicUrl?: string;
}

export const LIMITS = {
	DOC_BODY_BYTES: 1024 * 1024,
	ATTACHMENT_BYTES: 20 * 1024 * 1024,
	REQUEST_BYTES: 50 * 1024 * 1024
} as const;
