/**
 * A figure keeps its hedge: "nearly 180,000" is stored as the value 180000 with the qualifier
 * `nearly`, and the bounds the hedge implies are derived here so that they can be queried
 * (`min`/`max` on the figures list) without ever being typed in by hand.
 */

export const QUALIFIERS = [
  'exact',
  'about',
  'nearly',
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

/**
 * `about` sets no hard bound: how far "about" reaches is the speaker's, not ours, to say.
 * `nearly` means short of the value; how far short is likewise left open.
 */
export function boundsOf(qualifier: Qualifier, value: number): Bounds {
  switch (qualifier) {
    case 'exact':
      return { lower: value, lowerInclusive: true, upper: value, upperInclusive: true };
    case 'about':
      return { lower: null, lowerInclusive: false, upper: null, upperInclusive: false };
    case 'nearly':
    case 'less_than':
      return { lower: null, lowerInclusive: false, upper: value, upperInclusive: false };
    case 'at_most':
      return { lower: null, lowerInclusive: false, upper: value, upperInclusive: true };
    case 'more_than':
      return { lower: value, lowerInclusive: false, upper: null, upperInclusive: false };
    case 'at_least':
      return { lower: value, lowerInclusive: true, upper: null, upperInclusive: false };
  }
}
