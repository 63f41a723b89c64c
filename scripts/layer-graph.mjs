#!/usr/bin/env node
/**
 * `npm run graph`: the import graph of src/ summarised by layer, for a reader or a closing note.
 * The layers and rules are .dependency-cruiser.cjs's (the ones `npm run lint` enforces); this
 * only counts: modules per layer, imports from each layer into each other one (a row imports its
 * columns: anything right of the diagonal runs up), imports between kind folders, and the rule
 * violations (cycles, upward imports, unresolvable imports). A report: `npm run lint` is the check.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const configPath = join(root, '.dependency-cruiser.cjs');
/** @type {{ name: string, path: string }[]} */
const LAYERS = createRequire(import.meta.url)(configPath).LAYERS;

const json = execFileSync(
  join(root, 'node_modules', '.bin', 'depcruise'),
  ['src', '--config', configPath, '--output-type', 'json'],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const result = JSON.parse(json);

const layerOf = (source) => {
  const index = LAYERS.findIndex((layer) => new RegExp(layer.path).test(source));
  return index === -1 ? undefined : index;
};
const kindOf = (source) => /^src\/kinds\/([^/]+)\//.exec(source)?.[1];

const modules = result.modules.filter((module) => module.source.startsWith('src/'));
const counts = LAYERS.map(() => LAYERS.map(() => 0));
const sizes = LAYERS.map(() => 0);
const unlayered = [];
/** @type {Map<string, Set<string>>} */
const kindImports = new Map();
for (const module of modules) {
  const from = layerOf(module.source);
  if (from === undefined) {
    unlayered.push(module.source);
    continue;
  }
  sizes[from] += 1;
  for (const dependency of module.dependencies) {
    const to = layerOf(dependency.resolved);
    if (to !== undefined) counts[from][to] += 1;
    const [kind, other] = [kindOf(module.source), kindOf(dependency.resolved)];
    if (kind && other && kind !== other) {
      if (!kindImports.has(kind)) kindImports.set(kind, new Set());
      kindImports.get(kind).add(other);
    }
  }
}

const width = Math.max(...LAYERS.map((layer) => layer.name.length));
const cell = (value) => String(value || '.').padStart(5);
const lines = [
  `Import graph of src/: ${modules.length} modules, layers lowest first.`,
  '',
  `Imports from each layer (row) into each layer (column); right of the diagonal is upward:`,
  `${''.padEnd(width + 3)} ${'mods'.padStart(5)} ${LAYERS.map((_, i) => cell(i + 1)).join('')}`,
  ...LAYERS.map(
    (layer, i) =>
      `${String(i + 1).padStart(2)} ${layer.name.padEnd(width)} ${cell(sizes[i])} ${counts[i]
        .map(cell)
        .join('')}`,
  ),
];
let upward = 0;
for (const [i, row] of counts.entries()) for (const [j, n] of row.entries()) if (j > i) upward += n;
lines.push('', `Upward imports (right of the diagonal): ${upward}`);
if (unlayered.length > 0) lines.push(`Modules in no layer: ${unlayered.join(', ')}`);

lines.push('', 'Imports between kind folders (same layer, allowed when acyclic):');
for (const [kind, others] of [...kindImports].sort(([a], [b]) => a.localeCompare(b))) {
  lines.push(`  ${kind} -> ${[...others].sort().join(', ')}`);
}

const violations = result.summary.violations;
const byRule = new Map();
for (const violation of violations) {
  byRule.set(violation.rule.name, [...(byRule.get(violation.rule.name) ?? []), violation]);
}
lines.push('', `Rule violations: ${violations.length}`);
for (const rule of result.summary.ruleSetUsed.forbidden) {
  const found = byRule.get(rule.name) ?? [];
  lines.push(`  ${rule.name} (${rule.severity}): ${found.length}`);
  for (const violation of found) {
    const path = violation.cycle
      ? [violation.from, ...violation.cycle.map((step) => step.name ?? step)].join(' -> ')
      : `${violation.from} -> ${violation.to}`;
    lines.push(`    ${path}`);
  }
}
console.log(lines.join('\n'));
