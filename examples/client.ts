/**
 * A typed client of the Annals API: types generated from openapi.yaml by openapi-typescript,
 * requests by openapi-fetch. Lists a page of events and the next one, gets an event, searches,
 * and imports two records as NDJSON. (The README shows it; test/client/typed-client.test.ts
 * generates the types, type-checks this file and runs it against a seeded server.)
 *
 *   npx openapi-typescript openapi.yaml -o examples/annals.ts
 *   ANNALS_URL=http://localhost:3000 ANNALS_KEY=... npx tsx examples/client.ts
 */
import createClient from 'openapi-fetch';
import type { paths } from './annals.js';

// The media types this client reads: JSON answers and problems. Lists also answer CSV
// (`format=csv`), so with every media type a page's type would be the JSON page or a CSV string.
const api = createClient<paths, 'application/json' | 'application/problem+json'>({
  baseUrl: process.env.ANNALS_URL ?? 'http://localhost:3000',
});

// A page of events, then the next page: pass `next_cursor` back as `cursor`.
const day = { from: '2023-07-25', to: '2023-07-27', limit: 2 };
const page = await api.GET('/v1/events', { params: { query: day } });
if (page.error) throw new Error(page.error.detail ?? page.error.title);
for (const event of page.data.data) console.log(event.start?.value, event.id, event.title);
const cursor = page.data.next_cursor;
if (cursor) {
  const next = await api.GET('/v1/events', { params: { query: { ...day, cursor } } });
  console.log(
    'next page:',
    next.data?.data.map((event) => event.id),
  );
}

// One event, with its place, participants and citations.
const event = await api.GET('/v1/events/{id}', {
  params: { path: { id: 'kim-jong-un-wreath-laying-cpv-cemetery' } },
});
if (event.error) throw new Error(event.error.detail ?? event.error.title);
console.log(event.data.title, 'at', event.data.place?.name, 'cited', event.data.citations.length);

// Search every kind at once.
const search = await api.GET('/v1/search', { params: { query: { q: 'wreath' } } });
for (const hit of search.data?.data ?? []) console.log(hit.kind, hit.id, hit.snippet);

// Import records as NDJSON, one `{"kind", "record"}` a line (a key is needed to write).
const lines = [
  { kind: 'places', record: { id: 'wonsan', name: 'Wonsan', type: 'city', parent: 'dprk' } },
  { kind: 'places', record: { id: 'kalma', name: 'Kalma', type: 'city', parent: 'wonsan' } },
];
const imported = await api.POST('/v1/imports', {
  body: lines.map((line) => JSON.stringify(line)).join('\n'),
  // The body goes as it is, not as JSON.
  bodySerializer: (body) => body,
  headers: {
    'content-type': 'application/x-ndjson',
    authorization: `Bearer ${process.env.ANNALS_KEY}`,
  },
});
if (imported.error) throw new Error(imported.error.detail ?? imported.error.title);
console.log('imported', imported.data.status, imported.data.report.totals);
