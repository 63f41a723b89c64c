/**
 * The import graph of src/, checked by `npm run lint` (`depcruise src`) and summarised per layer
 * by `npm run graph`.
 *
 * src/ is built in layers, and imports only point down them (STYLE.md, "A layout that shows the
 * architecture"; issue 10). A layer is a set of folders (or top-level files), lowest first:
 * whatever a layer imports sits in it or below it, so a layer can be read, tested and changed
 * without the ones above, and a change in a high layer (a route, a command) never reaches down.
 * Same-layer imports are allowed (for instance between kind folders), as long as there is no
 * cycle: see no-circular.
 *
 * Each layer gets one forbidden rule, "<layer>-imports-only-down", naming every higher layer.
 * Its `comment`, printed with each violation, says why that boundary holds.
 */

/** The layers, lowest first: a module may import its own layer and the ones before it. */
const LAYERS = [
  {
    name: 'base',
    path: '^src/(domain/|paths\\.ts$|config\\.ts$)',
    why:
      'domain/ holds pure rules (partial dates, hedges, precision) and paths.ts/config.ts read ' +
      'the environment once: everything uses them, so they may use nothing of the project.',
  },
  {
    name: 'db',
    path: '^src/db/',
    why:
      'db/ opens, migrates and queues writes to the database and declares the shared tables; ' +
      'it knows no HTTP, no lists and no kind (the kinds declare their own tables above it).',
  },
  {
    name: 'http',
    path: '^src/http/',
    why:
      'http/ is the plumbing every route relies on (problem+json, swagger, headers, caching, ' +
      'limits); it serves routes and so may not import the lists, records or kinds they use.',
  },
  {
    name: 'search-ranking',
    // search/endpoint/ is the search route, a feature: it sits far above the ranking.
    path: '^src/search/(?!endpoint/)',
    why:
      'search ranking (match expressions, snippets, rankedMatches) is used by the lists in ' +
      'query/; it may not import the lists, a kind, or its own endpoint.',
  },
  {
    name: 'query',
    path: '^src/query/',
    why:
      'query/ is the list machinery every kind uses (keyset cursors, fields, embedded lists, ' +
      'common shapes): a kind is described to it as data, so query/ never imports a kind.',
  },
  {
    name: 'records',
    path: '^src/records/',
    why:
      'records/ defines KindDefinition and the generic record machinery (reader, writer, ' +
      'references) that each kind fills in: it works from the definitions it is given and ' +
      'never imports a kind.',
  },
  {
    name: 'kinds',
    path: '^src/kinds/',
    why:
      'kinds/<kind>/ holds everything about one kind and kinds/index.ts lists them (KINDS); ' +
      'import, export, writes, timeline, views and search loop over KINDS from above, so a kind ' +
      'never imports them.',
  },
  {
    name: 'features',
    path: '^src/(bundle/|writes/|timeline/|views/|search/endpoint/|reads/|routes\\.ts$|health\\.ts$|index-routes\\.ts$)',
    why:
      'the features (import/export, writes, timeline, views, the search endpoint, the read ' +
      'workers and their registry of every read task, the route list) are assembled into the ' +
      'app by app.ts and openapi.ts; they may not import the app.',
  },
  {
    name: 'app',
    path: '^src/(app|openapi)\\.ts$',
    why:
      'app.ts builds the Fastify app and openapi.ts its document; they are started by ' +
      'server.ts and the commands in cli/, which they may not import.',
  },
  {
    name: 'entry',
    path: '^src/(server\\.ts$|cli/)',
    why: 'the entry points: nothing in src/ imports them.',
  },
];

/** One rule per layer below the top: it may not import any layer above it. */
const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `${layer.name}-imports-only-down`,
  severity: 'error',
  comment: `${layer.name} imports a higher layer (${LAYERS.slice(index + 1)
    .map((above) => above.name)
    .join(', ')}): ${layer.why}`,
  from: { path: layer.path },
  to: { path: LAYERS.slice(index + 1).map((above) => above.path) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle makes its modules one unit: none can be loaded, read or tested alone, and ES ' +
        'modules in a cycle can see each other half-initialised. Type-only imports count too: a ' +
        'type cycle is still two modules that cannot change apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-between-kinds',
      // A warning: no-circular (modules) is the rule; this one shows the kinds that depend on
      // each other through different modules (tables follow foreign keys one way, an item's
      // embedded lists the other), to be made an error once none is left.
      severity: 'warn',
      scope: 'folder',
      comment:
        'Kind folders may import each other (a figure names its organization), best only one ' +
        'way round: two kinds that import each other, even through different modules, cannot ' +
        'be read or changed apart. Move what both need into the lower one, or compose it above ' +
        'the kinds.',
      from: { path: '^src/kinds/[^/]+' },
      to: { path: '^src/kinds/[^/]+', circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that does not resolve to a file or an installed package: a module was moved ' +
        'or renamed and this import was not rewritten (or a dependency is missing).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-orphans',
      severity: 'warn',
      comment:
        'A module nothing imports and that is no entry point is probably dead code left by a ' +
        'move. Entry points (server.ts, cli/, db/sql/print-pending.ts for `npm run db:custom`) ' +
        'and the import and read workers, started by file name, are excepted.',
      from: {
        orphan: true,
        pathNot: [
          '(^|/)\\.[^/]+\\.(js|cjs|mjs|ts|json)$',
          '\\.d\\.ts$',
          '^src/server\\.ts$',
          '^src/cli/',
          '^src/bundle/import-worker\\.ts$',
          '^src/reads/(worker\\.ts|tsx-worker\\.mjs)$',
          '^src/db/sql/print-pending\\.ts$',
        ],
      },
      to: {},
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    // No includeOnly: it would drop the unresolvable imports before not-to-unresolvable saw
    // them. Packages and node: built-ins are leaves (not followed); `npm run graph` shows src/.
    // `import type` counts: an upward type import is still an upward dependency.
    tsPreCompilationDeps: true,
    // The compiler's view of the project (nodenext). `./x.js` specifiers in TypeScript resolve
    // to `./x.ts`: dependency-cruiser tries .ts/.tsx/.d.ts for a .js specifier whose file does
    // not exist (checked: src/db/plugin.ts -> src/db/database.ts).
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    moduleSystems: ['es6', 'cjs'],
    reporterOptions: {
      // For a picture, `npx depcruise src --include-only '^src/' --output-type archi | dot -Tsvg`:
      // one node per folder (src/kinds/events, src/query, ...). The text summary: `npm run graph`.
      archi: { collapsePattern: '^src/(kinds/[^/]+|search/endpoint|bundle/http|db/tables|[^/]+)' },
      text: { highlightFocused: true },
    },
  },
};

module.exports = config;
// For scripts/layer-graph.mjs (`npm run graph`), which counts the imports between these layers.
// Not enumerable: dependency-cruiser rejects a configuration with keys of its own.
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
