/**
 * An event item is sent as the text SQLite's JSON functions make (src/kinds/events/item.ts), not
 * parsed and serialized again. The test apps check every answer's text against the schema's
 * serializer (renderBody's checkResponses), so reading items with awkward text, every shape of
 * basis entry and `names_by` proves the two write the same bytes; the check itself is proved
 * to fail on a text that differs.
 */
import t from 'tap';
import { JsonText, renderBody } from '../../src/http/reads/task.js';
import { eventsReads } from '../../src/kinds/events/reads.js';
import { getJson } from '../helper.js';
import { buildWriteApp, SOURCE, send } from '../writes/helper.js';

/** Quotes, backslashes, astral and combining characters: what a one-line name may hold. */
const AWKWARD_NAME = 'He said "no" \\ then 😀 é́ 한 \u2028';
/** And control characters, which a summary may hold too. */
const AWKWARD = `${AWKWARD_NAME}\ttabbed \u0001\u001f\u007f`;

t.test('an event item with awkward text is the serializer’s bytes', async (t) => {
  const app = await buildWriteApp(t);
  const created = await send(app, 'POST', '/v1/events', {
    id: 'awkward-event',
    type: 'meeting',
    title: 'A meeting "quoted" \\ 😀',
    summary: `${AWKWARD}\nsecond line\r\nthird`,
    start: '2023-07~',
    names: [
      { name: AWKWARD_NAME, used_by: 'Ünïcode Party' },
      { name: 'Plain', used_by: 'DPRK' },
    ],
    citations: [{ source: SOURCE, excerpt: 'met' }],
    basis: {
      title: { kind: 'stated', note: 'as quoted', citation: 0 },
      summary: { kind: 'stated' },
      start: { kind: 'inferred', note: 'from "the day before"' },
      type: { kind: 'stated', citation: 0 },
      names: { kind: 'background', note: 'common usage' },
    },
  });
  // No body in the message: a raw U+2028 in TAP's stream would break its lines.
  t.equal(created.status, 201, 'created');

  for (const url of [
    '/v1/events/awkward-event',
    '/v1/events/awkward-event?names_by=dprk',
    '/v1/events/awkward-event?names_by=%C3%BCn%C3%AFcode%20party',
    '/v1/events/awkward-event?names_by=nobody',
  ]) {
    const res = await getJson(app, url);
    t.equal(res.status, 200, `${url} answers (a text unlike the serializer's would be a 500)`);
  }
  const plain = await getJson(app, '/v1/events/awkward-event');
  t.equal(plain.body.summary, `${AWKWARD}\nsecond line\r\nthird`, 'the text survives');
  t.same(
    Object.keys(plain.body.basis),
    ['names', 'start', 'summary', 'title', 'type'],
    'basis fields in name order',
  );
  t.same(plain.body.basis.summary, { kind: 'stated' }, 'an entry omits what is unset');
  t.same(plain.body.basis.title, { kind: 'stated', note: 'as quoted', citation: 0 });
  t.same(plain.body.start, { value: '2023-07~', precision: 'month', qualifier: 'approximate' });
  const named = await getJson(app, '/v1/events/awkward-event?names_by=dprk');
  t.equal(named.body.title, 'Plain');
  t.equal(named.body.named_by, 'DPRK');
  t.equal(
    Object.keys(named.body).at(-1),
    'named_by',
    'named_by last, where the serializer puts it',
  );
});

t.test(
  'a made text that is not the serializer’s is refused when answers are checked',
  async (t) => {
    const task = eventsReads.get;
    const good = '{"id":"x"}';
    t.equal(renderBody(task, new JsonText(good)), good, 'sent as it is when not checked');
    t.throws(
      () => renderBody(task, new JsonText(good), { checkResponses: true }),
      /does not match its schema/,
    );
  },
);
