/**
 * A figure keeps its hedge: "nearly 180,000" is stored as the value 180000 with the qualifier
 * `nearly`, and the bounds the hedge implies are derived here, by one table (HEDGES), so that
 * they can be queried (`min`/`max` on the figures list) without ever being typed in by hand.
 *
 * The table bounds what the words say, not what a speaker might have meant besides:
 * - hedges of closeness ("about", "nearly", "almost") put the value within a tenth of X,
 *   on both sides of X or just below it: "nearly 180,000" is from 162,000 up to, not
 *   including, 180,000; "about 200" is from 180 to 220;
 * - hedges of direction ("more than", "at least", "less than", "at most") bound one side only:
 *   "more than 2 million" says how low the number is, never how high (3 million is more than
 *   2 million too), so its upper bound stays open.
 * For a negative X, "close to X" is measured in size: "nearly −10" is above −10, up to −9.
 */

export const QUALIFIERS = [
  'exact',
  'about',
  'nearly',
  'almost',
  'more_than',
  'at_least',
  'less_than',
  'at_most',
] as const;

export type Qualifier = (typeof QUALIFIERS)[number];

export interface Bounds {
  /** The smallest value the claim allows, or null when it sets none. */
  lower: number | null;
  lowerInclusive: boolean;
  /** The largest value the claim allows, or null when it sets none. */
  upper: number | null;
  upperInclusive: boolean;
}

export interface Hedge {
  /** The words, with X for the value: `nearly X`. */
  words: string;
  /** The range, with X for the value: `[0.9·X, X)`, `(X, ∞)`. */
  range: string;
  /** What a reader takes it to mean, in a line. */
  reading: string;
  bounds(value: number): Bounds;
}

const OPEN = null;

/**
 * X less or more a tenth of itself, computed as `X × 9 / 10` and `X × 11 / 10` so that a round X
 * gives a round bound (180,000 × 0.9 is 162,000.00000000003; 180,000 × 9 / 10 is 162,000), and
 * so that the migration that stored these bounds (migrations/0012) computes the same doubles.
 */
const tenthLess = (x: number) => (x * 9) / 10;
const tenthMore = (x: number) => (x * 11) / 10;

/** Just below X and not far below: [0.9·X, X) for a positive X; (X, 0.9·X] for a negative one. */
function nearlyBounds(value: number): Bounds {
  if (value === 0) return { lower: 0, lowerInclusive: true, upper: 0, upperInclusive: true };
  const near = tenthLess(value);
  return value > 0
    ? { lower: near, lowerInclusive: true, upper: value, upperInclusive: false }
    : { lower: value, lowerInclusive: false, upper: near, upperInclusive: true };
}

/** The table of hedges: each qualifier's words, the range it implies and its bounds. */
export const HEDGES: Record<Qualifier, Hedge> = {
  exact: {
    words: 'X',
    range: '[X, X]',
    reading: 'exactly X',
    bounds: (x) => ({ lower: x, lowerInclusive: true, upper: x, upperInclusive: true }),
  },
  about: {
    words: 'about X',
    range: '[0.9·X, 1.1·X]',
    reading: 'around X, a tenth of X either side',
    bounds: (x) => {
      const [a, b] = [tenthLess(x), tenthMore(x)];
      return {
        lower: Math.min(a, b),
        lowerInclusive: true,
        upper: Math.max(a, b),
        upperInclusive: true,
      };
    },
  },
  nearly: {
    words: 'nearly X',
    range: '[0.9·X, X)',
    reading: 'below X and not far below: within a tenth of X, X itself not reached',
    bounds: nearlyBounds,
  },
  almost: {
    words: 'almost X',
    range: '[0.9·X, X)',
    reading: 'as nearly X',
    bounds: nearlyBounds,
  },
  more_than: {
    words: 'more than X',
    range: '(X, ∞)',
    reading: 'above X; how far above, the words do not say',
    bounds: (x) => ({ lower: x, lowerInclusive: false, upper: OPEN, upperInclusive: false }),
  },
  at_least: {
    words: 'at least X',
    range: '[X, ∞)',
    reading: 'X or above',
    bounds: (x) => ({ lower: x, lowerInclusive: true, upper: OPEN, upperInclusive: false }),
  },
  less_than: {
    words: 'less than X',
    range: '(−∞, X)',
    reading: 'below X; how far below, the words do not say',
    bounds: (x) => ({ lower: OPEN, lowerInclusive: false, upper: x, upperInclusive: false }),
  },
  at_most: {
    words: 'at most X',
    range: '(−∞, X]',
    reading: 'X or below',
    bounds: (x) => ({ lower: OPEN, lowerInclusive: false, upper: x, upperInclusive: true }),
  },
};

/** The bounds a hedged value implies, by the table of hedges. */
export function boundsOf(qualifier: Qualifier, value: number): Bounds {
  return HEDGES[qualifier].bounds(value);
}

/** The table of hedges as Markdown lines, `qualifier`: words, range, reading (for descriptions). */
export function hedgeTable(): string {
  return QUALIFIERS.map((q) => {
    const hedge = HEDGES[q];
    return `- \`${q}\` ("${hedge.words}"): ${hedge.range}, ${hedge.reading}`;
  }).join('\n');
}
