import t from 'tap';
import { boundsOf, HEDGES, hedgeTable, QUALIFIERS } from '../../src/domain/figures.js';

const bounds = (
  lower: number | null,
  lowerInclusive: boolean,
  upper: number | null,
  upperInclusive: boolean,
) => ({ lower, lowerInclusive, upper, upperInclusive });

t.test('each hedge implies its bounds, by the table', async (t) => {
  t.same(boundsOf('exact', 5), bounds(5, true, 5, true), 'exact: X itself');
  t.same(boundsOf('more_than', 2_000_000), bounds(2_000_000, false, null, false), 'above X');
  t.same(boundsOf('at_least', 3), bounds(3, true, null, false), 'X or above');
  t.same(boundsOf('less_than', 7), bounds(null, false, 7, false), 'below X');
  t.same(boundsOf('at_most', 7), bounds(null, false, 7, true), 'X or below');
  t.same(
    boundsOf('nearly', 180_000),
    bounds(162_000, true, 180_000, false),
    'nearly 180,000: from 162,000 up to, not including, 180,000',
  );
  t.same(boundsOf('almost', 180_000), boundsOf('nearly', 180_000), 'almost reads as nearly');
  t.same(boundsOf('about', 200), bounds(180, true, 220, true), 'about 200: 180 to 220');
  t.same(boundsOf('about', 180_000), bounds(162_000, true, 198_000, true), 'round X, round bounds');
});

t.test('hedges of closeness measure closeness in size', async (t) => {
  t.same(boundsOf('nearly', -10), bounds(-10, false, -9, true), 'nearly −10: above −10, to −9');
  t.same(boundsOf('about', -10), bounds(-11, true, -9, true), 'about −10: −11 to −9');
  t.same(boundsOf('nearly', 0), bounds(0, true, 0, true), 'nearly 0 is 0');
  t.same(boundsOf('about', 0), bounds(0, true, 0, true), 'about 0 is 0');
});

t.test('every hedge of closeness sets both bounds, every other hedge at least one', async (t) => {
  for (const q of QUALIFIERS) {
    const b = boundsOf(q, 1000);
    t.ok(b.lower !== null || b.upper !== null, `${q} bounds one side at least`);
    if (['about', 'nearly', 'almost', 'exact'].includes(q)) {
      t.ok(b.lower !== null && b.upper !== null, `${q} bounds both sides`);
      t.ok((b.lower as number) >= 900 && (b.upper as number) <= 1100, `${q} stays near X`);
    }
  }
});

t.test('the table written out names every hedge with its range', async (t) => {
  const table = hedgeTable();
  for (const q of QUALIFIERS) t.match(table, `\`${q}\` ("${HEDGES[q].words}"): ${HEDGES[q].range}`);
  t.match(table, '`nearly` ("nearly X"): [0.9·X, X)');
  t.match(table, '`about` ("about X"): [0.9·X, 1.1·X]');
  t.match(table, '`more_than` ("more than X"): (X, ∞)');
});
