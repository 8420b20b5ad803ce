/**
 * The snapshot worker's thread (started by SnapshotWorker.ts through snapshot-worker.js): computes
 * compaction snapshots, one request at a time in the order they arrive, off the main event loop.
 */
import { parentPort } from 'node:worker_threads';
import { packParts, snapshotOf, unpackParts, type MergeReply, type MergeRequest } from './snapshot';

const port = parentPort!;
port.on('message', ({ id, parts }: MergeRequest) => {
	let state: Uint8Array;
	try {
		state = snapshotOf(unpackParts(parts));
	} catch (error) {
		port.postMessage({ id, error: String(error) } satisfies MergeReply);
		return;
	}
	// A copy of its own, so that transferring it cannot detach a buffer Yjs still shares.
	const { bytes } = packParts([state]);
	port.postMessage({ id, state: new Uint8Array(bytes) } satisfies MergeReply, [bytes]);
});
// Its modules are loaded: from now on a death of this thread is a crash, not a failure to start.
port.postMessage('ready');
