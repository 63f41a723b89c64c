/**
 * Where a piscina worker is (the read workers', the import's checking threads'), and how to load
 * it. Built (npm start), it is dist's .js file, which Node loads as it is. From sources (the
 * tests, npm run dev), a worker neither inherits the parent's loader nor can load .ts by itself,
 * and `--import tsx` in its execArgv only gives it tsx's CommonJS hook; so tsx-worker.mjs
 * registers tsx's ESM loader in the thread and imports the .ts file (workerData.entry).
 */
/**
 * A piscina worker's file and data: `name` (without extension) beside the module at `base` (its
 * `import.meta.url`), loaded through tsx-worker.mjs when that module is a TypeScript source.
 */
export function piscinaWorker<Data extends object>(
  base: string,
  name: string,
  data: Data,
): { filename: string; workerData: Data & { entry?: string } } {
  if (!base.endsWith('.ts'))
    return { filename: new URL(`./${name}.js`, base).href, workerData: data };
  return {
    filename: new URL('./tsx-worker.mjs', import.meta.url).href,
    workerData: { ...data, entry: new URL(`./${name}.ts`, base).href },
  };
}
