/** Takes DATA_DIR's lock and waits to be killed: a server that dies without letting go. */
import { lockDataDirectory } from '../../src/lib/server/db/data-dir-lock';
import { mkdirSync } from 'node:fs';

mkdirSync(process.env.DATA_DIR!, { recursive: true });
lockDataDirectory(process.env.DATA_DIR!);
console.log('held');
setInterval(() => {}, 60_000);
