/**
 * The facets' order is the same whatever order the database grouped the values in: PostgreSQL
 * groups in no set order, and localeCompare finds some distinct values equal.
 */
import t from 'tap';
import { mostCounted } from '../../src/kinds/events/facets.js';

t.test('ties that localeCompare cannot break come out in one order', async (t) => {
  const decomposed = 'e\u0301'; // e + combining acute: canonically equivalent to é
  const composed = '\u00e9';
  const counts: [string | null, number][] = [
    [composed, 2],
    ['', 2],
    [decomposed, 2],
    [null, 2],
    ['z', 3],
  ];
  t.equal(composed.localeCompare(decomposed), 0, 'the two forms compare equal as text');
  const expected = [
    { value: 'z', count: 3 },
    { value: null, count: 2 },
    { value: '', count: 2 },
    { value: decomposed, count: 2 },
    { value: composed, count: 2 },
  ];
  t.same(mostCounted(counts, 10), expected, 'most counted first, then no value, then by code unit');
  t.same(mostCounted([...counts].reverse(), 10), expected, 'the same from the reverse order');
  t.same(mostCounted(counts, 2), expected.slice(0, 2), 'cut at the limit');
});
