/**
 * Writes a deterministic knowledge base as an NDJSON import file (`{"kind", "record"}` a line)
 * and a sidecar of what the load driver asks for: search queries, ids, years, months.
 *
 *   tsx bench/generate.ts --events 100000 [--out bench/data]
 *
 * People, places, organizations and sources are spread through the file, so references to them
 * point backwards and forwards; so do events' parents. Nothing is held but small tables.
 */

import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Plan, planFor } from './lib/plan.js';
import { queriesFor, type Sidecar, sampleTargets } from './lib/sidecar.js';
import { World } from './lib/world.js';

/** Bump when the generated data changes: cached files of another version are regenerated. */
export const GENERATOR_VERSION = 2;

export interface Generated {
  ndjson: string;
  sidecar: string;
  cached: boolean;
}

export const dataFiles = (dir: string, events: number) => ({
  ndjson: join(dir, `annals-${events}.ndjson`),
  sidecar: join(dir, `annals-${events}.json`),
});

function isCurrent(sidecarPath: string): boolean {
  try {
    return (JSON.parse(readFileSync(sidecarPath, 'utf8')) as Sidecar).version === GENERATOR_VERSION;
  } catch {
    return false;
  }
}

/** Writes lines through a buffer, waiting for the file when it asks. */
class LineWriter {
  private buffer: string[] = [];
  private size = 0;
  lines = 0;
  readonly counts: Record<string, number> = {};

  constructor(private readonly stream: NodeJS.WritableStream) {}

  async write(kind: string, record: unknown): Promise<void> {
    const line = `${JSON.stringify({ kind, record })}\n`;
    this.buffer.push(line);
    this.size += line.length;
    this.lines += 1;
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    if (this.size >= 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}

/** Emits the entities of one kind whose turn has come: entity j goes before event j * N / K. */
function due(count: number, events: number, next: number, e: number): number {
  let end = next;
  while (end < count && Math.floor((end * events) / count) <= e) end += 1;
  return end;
}

async function writeWorld(world: World, out: LineWriter, onProgress: (e: number) => void) {
  const plan: Plan = world.plan;
  const next = { sources: 0, places: 0, organizations: 0, people: 0 };
  const emitDue = async (e: number) => {
    for (const kind of ['sources', 'organizations', 'places', 'people'] as const) {
      const count = plan[kind];
      const end = e >= plan.events ? count : due(count, plan.events, next[kind], e);
      for (let i = next[kind]; i < end; i++) {
        if (kind === 'sources') await out.write(kind, world.source(i));
        else if (kind === 'organizations') await out.write(kind, world.organization(i));
        else if (kind === 'places') await out.write(kind, world.place(i));
        else await out.write(kind, world.person(i));
      }
      next[kind] = end;
    }
  };
  for (let e = 0; e < plan.events; e++) {
    await emitDue(e);
    const { record, start, rng } = world.event(e);
    await out.write('events', record);
    const participations = 1 + Math.floor(rng() * 5);
    for (let k = 0; k < participations; k++) {
      await out.write('participations', world.participation(e, k, rng));
    }
    let delegation: string | null = null;
    if (rng() < 0.05) {
      const d = world.delegation(e, start, rng);
      delegation = d.id;
      await out.write('delegations', d);
    }
    const statements = Math.floor(rng() * 5);
    for (let k = 0; k < statements; k++) {
      await out.write('statements', world.statement(e, k, start, delegation, rng));
    }
    if (rng() < 0.1) await out.write('figures', world.figure(e, rng));
    if (e % 10_000 === 0) onProgress(e);
  }
  await emitDue(plan.events);
  await out.flush();
}

export async function generate(
  events: number,
  dir: string,
  options: { force?: boolean; log?: (line: string) => void } = {},
): Promise<Generated> {
  const log = options.log ?? (() => {});
  const files = dataFiles(dir, events);
  if (!options.force && existsSync(files.ndjson) && isCurrent(files.sidecar)) {
    log(`reusing ${files.ndjson}`);
    return { ...files, cached: true };
  }
  mkdirSync(dir, { recursive: true });
  const world = new World(planFor(events));
  const partial = `${files.ndjson}.partial`;
  const stream = createWriteStream(partial);
  const out = new LineWriter(stream);
  const started = performance.now();
  await writeWorld(world, out, (e) => log(`  generated ${e.toLocaleString('en-US')} events`));
  stream.end();
  await once(stream, 'finish');
  renameSync(partial, files.ndjson);
  const sidecar: Sidecar = {
    version: GENERATOR_VERSION,
    events,
    plan: world.plan,
    lines: out.lines,
    counts: out.counts,
    queries: queriesFor(world),
    ...sampleTargets(world),
  };
  await writeFile(files.sidecar, `${JSON.stringify(sidecar, null, 1)}\n`);
  const seconds = (performance.now() - started) / 1000;
  log(`wrote ${out.lines.toLocaleString('en-US')} records in ${seconds.toFixed(1)} s`);
  return { ...files, cached: false };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      out: { type: 'string', default: 'bench/data' },
      force: { type: 'boolean', default: false },
    },
  });
  const result = await generate(Number(values.events), values.out, {
    force: values.force,
    log: (line) => console.log(line),
  });
  console.log(result.ndjson);
}
