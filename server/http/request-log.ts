// One line per request: method, path without query string (tokens never appear in paths,
// but query strings may carry anything), status, duration in ms.
import type { MiddlewareHandler } from 'hono';

export function requestLog(
	write: (line: string) => void = (line) => process.stdout.write(line + '\n')
): MiddlewareHandler {
	return async (c, next) => {
		const start = performance.now();
		await next();
		const ms = Math.round(performance.now() - start);
		write(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
	};
}
