/**
 * The passage shown with a search hit, made here rather than by FTS5's snippet(): asking FTS5
 * for one row's snippet walks the whole match list of a common word, while the text is at hand.
 * Terms match as the index matches them: case and diacritics aside, single words as prefixes
 * (one-letter words exactly), phrases as their words in order.
 */
import type { QueryTerm } from './match-expression.js';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Words shown around the first match. */
const CONTEXT_WORDS = 16;

/** A word as the index compares it: lower case, diacritics removed. */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The [first, last] token ranges of `tokens` that match a term. */
function matchedRanges(tokens: string[], terms: QueryTerm[]): [number, number][] {
  const folded = tokens.map(fold);
  const wanted = terms.map((term) => ({ words: term.words.map(fold), prefix: term.prefix }));
  const ranges: [number, number][] = [];
  for (let i = 0; i < folded.length; i++) {
    for (const term of wanted) {
      const n = term.words.length;
      const hit = term.words.every((word, k) => {
        const token = folded[i + k];
        if (token === undefined) return false;
        return term.prefix && n === 1 ? token.startsWith(word) : token === word;
      });
      if (hit) {
        ranges.push([i, i + n - 1]);
        break;
      }
    }
  }
  return ranges;
}

/** How many terms of `text` match: picks the field a snippet is best taken from. */
export function matchCount(text: string, terms: QueryTerm[]): number {
  return matchedRanges(
    [...text.matchAll(WORD)].map((t) => t[0]),
    terms,
  ).length;
}

/**
 * Up to CONTEXT_WORDS words of `text` around its first match, as safe HTML: the text escaped,
 * each match in <mark>, `…` where the text was cut. Null when nothing matches.
 */
export function snippetOf(text: string, terms: QueryTerm[]): string | null {
  const tokens = [...text.matchAll(WORD)];
  const ranges = matchedRanges(
    tokens.map((t) => t[0]),
    terms,
  );
  const first = ranges[0];
  if (!first) return null;
  const startToken = Math.max(0, first[0] - Math.floor(CONTEXT_WORDS / 2));
  const endToken = Math.min(tokens.length, startToken + CONTEXT_WORDS);
  const offset = (i: number) => tokens[i]?.index ?? text.length;
  const end = (i: number) => offset(i) + (tokens[i]?.[0].length ?? 0);
  const from = offset(startToken);
  const to = end(endToken - 1);
  let html = '';
  let at = from;
  for (const [a, b] of ranges) {
    if (a < startToken || b >= endToken) continue;
    html += `${escapeHtml(text.slice(at, offset(a)))}<mark>${escapeHtml(text.slice(offset(a), end(b)))}</mark>`;
    at = end(b);
  }
  html += escapeHtml(text.slice(at, to));
  return `${from > 0 ? '…' : ''}${html}${to < text.length ? '…' : ''}`;
}
