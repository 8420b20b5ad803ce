/**
 * The entry module of the snapshot worker's thread (SnapshotWorker.ts). Plain JavaScript: Node 20
 * loads a worker's entry without the hooks `--import tsx` installs (the worker inherits the flag,
 * yet a .ts entry fails with "Unknown file extension"), and vitest's processes have no tsx at all.
 * So this module loads the TypeScript through tsx's API.
 */
import { tsImport } from 'tsx/esm/api';

await tsImport('./snapshot-thread.ts', import.meta.url);
