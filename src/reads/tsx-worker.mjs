// Loads a piscina worker (a read worker, an import's checking thread) from its TypeScript sources
// (the tests, npm run dev): registers tsx's ESM loader in this thread, then re-exports the
// worker's handler. Built, worker-url.ts points piscina at dist's .js file instead and this file
// is not used.
import { workerData } from 'piscina';

const { register } = await import('tsx/esm/api');
register();
const worker = await import(workerData.entry);
export default worker.default;
