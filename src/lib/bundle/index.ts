// File exchange: a signed, compressed bundle of the community documents another device or hub
// may lack. This folder is pure (format.ts writes and reads the file, verify.ts checks its
// signatures, select.ts says which documents travel); reading and writing a PouchDB database for
// it is src/lib/pouch (bundle-docs.ts, trust-lookups.ts), re-exported here so a caller can
// import the exchange from one module. Used by the /exchange page (through the store's community
// replica) and by `npm run bundle` on a server.
export {
	readBundle,
	writeBundle,
	headerBytes,
	isBundleDoc,
	BUNDLE_FORMAT,
	BUNDLE_VERSION,
	BUNDLE_MAX_BYTES,
	HUB_SIGNER_PREFIX,
	hubSignerOf,
	type BundleHeader,
	type BundleDoc,
	type BundleSigner,
	type ParsedBundle
} from './format';
export { verifyBundle, verifyRelayedDocs, type BundleTrust, type VerifiedBundle, type RelayedDocs } from './verify';
export { changedSince, ALWAYS_BUNDLED } from './select';
export {
	collectDocs,
	applyDocs,
	exportBundle,
	importBundle,
	type ExportOptions,
	type ImportOutcome
} from '../pouch/bundle-docs';
export { certificateFinder, currentDoc, revokedIn } from '../pouch/trust-lookups';
