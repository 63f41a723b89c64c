/**
 * The server that `npm start` runs is one bundle of our own modules (dist/server/server.js), made
 * by esbuild from tsc's output (dist/src). Why: Node resolves, reads and links each ES module on
 * its own, and our ~200 modules cost more at start than the code in them. Measured on the seeded
 * database, alternating 4 starts each at load 2-3: the server's CPU until its first /health
 * answer 1,020-1,070 ms from dist/src, 860-950 ms from the bundle (issue 11's start-up target is
 * ≤ 1 s on a quiet machine; the bench last measured 1,035 ms from dist/src).
 *
 * What is not bundled, and why:
 * - The npm packages stay external, loaded from node_modules as before: several are CommonJS
 *   that require their own files or Node's by computed names (fastify's @fastify/error fails
 *   once bundled into ES modules), better-sqlite3 is native, and swagger-ui serves files beside
 *   its code. Bundling zod and drizzle-orm as well saved nothing measurable.
 * - The worker threads' entries (the read workers, the import worker) load dist/src as it is:
 *   they start after the server listens.
 * - Modules loaded only on demand (PostgreSQL's) stay on demand: `splitting` makes each dynamic
 *   import a chunk of its own, loaded when imported.
 *
 * Each module keeps its own `import.meta.url` (where it lies in dist/src), so that what a module
 * finds beside itself (the read worker's file, the custom SQL folder, the project's root) is found
 * as from dist/src.
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** Bundles `root`/dist/src/server.js into `root`/dist/server/. */
export async function bundleServer(root) {
  const { build } = await import('esbuild');
  const out = join(root, 'dist', 'server');
  await rm(out, { recursive: true, force: true });
  const ownModuleUrl = {
    name: 'own-module-url',
    setup(build) {
      build.onLoad({ filter: /[\\/]dist[\\/]src[\\/].*\.js$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        // Every output file lies in `out` itself (chunkNames has no folder), so one path
        // relative to `out` names the module's original file from any chunk it lands in.
        const own = JSON.stringify(relative(out, args.path).split('\\').join('/'));
        return {
          contents: text.replaceAll('import.meta.url', `new URL(${own}, import.meta.url).href`),
          loader: 'js',
          resolveDir: dirname(args.path),
        };
      });
    },
  };
  await build({
    entryPoints: { server: join(root, 'dist', 'src', 'server.js') },
    outdir: out,
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    // Mapped back through tsc's maps to src/*.ts: stack traces name our sources, and the test
    // suite's coverage of a server started from the bundle counts in src/, not in dist/server/.
    sourcemap: 'linked',
    plugins: [ownModuleUrl],
  });
}
