import { DataDirectoryLockedError } from '../src/lib/server/db';

/**
 * For a server's start: a data directory held by another process ends this one at once, with
 * the message naming the directory (exit code 1); any other error is thrown on.
 */
export function exitIfDataDirectoryLocked(error: unknown): never {
	if (error instanceof DataDirectoryLockedError) {
		console.error(error.message);
		process.exit(1);
	}
	throw error;
}
