/**
 * The naive peer (issue 11, item 7): what a first attempt at this API looks like. Fastify with no
 * plugins and no schemas, better-sqlite3 on the same database file (read-only), hand-written SQL,
 * answers made with JSON.stringify. Not tuned on purpose: it is the floor Annals must beat.
 *
 *   DATABASE_PATH=bench/data/annals-2000.db PORT=3002 tsx bench/naive-server.ts
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const path = process.env.DATABASE_PATH;
if (!path) throw new Error('DATABASE_PATH is required');
const db = new Database(path, { readonly: true, fileMustExist: true });

const eventById = db.prepare('select * from events where id = ?');
const participantsOf = db.prepare(
  `select p.role, p.group_label, pe.id as person_id, pe.name as person_name,
          o.id as organization_id, o.name as organization_name
     from participations p
     left join people pe on pe.id = p.person_id
     left join organizations o on o.id = p.organization_id
    where p.event_id = ?`,
);
const eventsStartingIn = db.prepare(
  `select id, type, title, start, "end", place_id from events
    where start_first_day >= ? and start_first_day < ?
    order by start_first_day, id limit 50`,
);

const app = Fastify({ logger: false });

app.get('/events/:id', async (request, reply) => {
  const { id } = request.params as { id: string };
  const event = eventById.get(id);
  if (!event) return reply.code(404).send('{"error":"not found"}');
  const participants = participantsOf.all(id);
  return reply.type('application/json').send(JSON.stringify({ ...event, participants }));
});

app.get('/events', async (request, reply) => {
  const year = Number((request.query as { year?: string }).year);
  if (!Number.isInteger(year)) return reply.code(400).send('{"error":"year is required"}');
  const from = `${String(year).padStart(4, '0')}-01-01`;
  const to = `${String(year + 1).padStart(4, '0')}-01-01`;
  const data = eventsStartingIn.all(from, to);
  return reply.type('application/json').send(JSON.stringify({ data }));
});

app.get('/health', async () => ({ status: 'ok' }));

await app.listen({ port: Number(process.env.PORT ?? 3002), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
