// What went wrong, as words: the message of an Error, or the thrown value as text.

/** `err.message` for an Error, the value as text for anything else thrown. */
export function errorMessage(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}
