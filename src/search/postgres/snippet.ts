/**
 * The passage shown with a hit on PostgreSQL, from ts_headline, in the shape of SQLite's
 * (../snippet.ts): escaped HTML, each match in <mark>, `…` where the text was cut. ts_headline
 * writes no HTML escapes, so it marks matches with two private-use characters that the text
 * cannot hold (they are taken out of it first), and the escaping and the tags are done here.
 */
import type { QueryTerm } from '../match-expression.js';
import { escapeHtml, fold } from '../snippet.js';

export const START = '\uE000';
export const STOP = '\uE001';
/**
 * What `<` is written as in the text given to ts_headline, which drops what looks like an HTML
 * tag: a control character its parser reads as a space in any locale (taken out of the text
 * first, like the markers), turned back into `<` here.
 */
export const LESS_THAN = '\u0001';

/**
 * ts_headline's options: one passage of about SQLite's sixteen words around the matches
 * (MaxFragments=1 gives words before the first match too; without it the passage starts there).
 */
export const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1`;

const MARKED = new RegExp(`${START}([^${STOP}]*)${STOP}`, 'gu');
const LEADING_PART_WORD = /^[\p{L}\p{M}\p{N}]+[^\p{L}\p{M}\p{N}]*/u;

type Piece = { text: string; marked: boolean };

/** The headline as plain and marked pieces, in order. */
function piecesOf(headline: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of headline.matchAll(MARKED)) {
    pieces.push({ text: headline.slice(last, match.index), marked: false });
    pieces.push({ text: match[1] ?? '', marked: true });
    last = match.index + match[0].length;
  }
  pieces.push({ text: headline.slice(last), marked: false });
  return pieces.filter((piece) => piece.text !== '');
}

/**
 * ts_headline marks a phrase word by word, and its words wherever they are; SQLite marks the
 * phrase whole, and only where it matched. So marked words in a row that are one of the query's
 * phrases become one mark, and a marked word that only a phrase holds, outside it, is unmarked.
 * (A word folded otherwise by unaccent than by NFD, `Straße` for `strasse`, keeps its mark.)
 */
function asSqliteMarks(pieces: Piece[], terms: QueryTerm[]): Piece[] {
  const phrases = terms.filter((t) => t.words.length > 1).map((t) => t.words.map(fold));
  if (phrases.length === 0) return pieces;
  const singles = terms.filter((t) => t.words.length === 1);
  const single = (word: string) =>
    singles.some((t) => {
      const wanted = fold(t.words[0] ?? '');
      return t.prefix ? word.startsWith(wanted) : word === wanted;
    });
  const inPhrase = (word: string) => phrases.some((p) => p.includes(word));
  const out: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    if (!piece.marked) {
      out.push(piece);
      continue;
    }
    // The longest phrase starting here: marked words separated by white space only.
    let merged: Piece | null = null;
    for (const phrase of phrases) {
      let text = piece.text;
      let j = i;
      let k = 1;
      while (k < phrase.length && fold(pieces[j]?.text ?? '') === phrase[k - 1]) {
        const gap = pieces[j + 1];
        const next = pieces[j + 2];
        if (!gap || gap.marked || gap.text.trim() !== '' || !next?.marked) break;
        text += gap.text + next.text;
        j += 2;
        k++;
      }
      if (k === phrase.length && fold(pieces[j]?.text ?? '') === phrase[k - 1]) {
        merged = { text, marked: true };
        i = j;
        break;
      }
    }
    if (merged) out.push(merged);
    else
      out.push({
        text: piece.text,
        marked: single(fold(piece.text)) || !inPhrase(fold(piece.text)),
      });
  }
  return out;
}

/** The snippet of `text` from its headline, or null when ts_headline marked nothing in it. */
export function snippetFromHeadline(
  text: string,
  headline: string,
  terms: QueryTerm[],
): string | null {
  let pieces = asSqliteMarks(piecesOf(headline.trim().replaceAll(LESS_THAN, '<')), terms);
  if (!pieces.some((piece) => piece.marked)) return null;
  const plain = pieces.map((piece) => piece.text).join('');
  const at = text.indexOf(plain);
  // ts_headline drops what its parser reads as an HTML tag, so the passage may not be found in
  // the text as is: then only its ends are compared.
  const cutBefore = at >= 0 ? at > 0 : !text.startsWith(plain);
  const cutAfter = at >= 0 ? at + plain.length < text.length : !text.endsWith(plain);
  const first = pieces[0];
  // ts_headline may start inside what SQLite reads as a word (`s` of `People's`): not shown.
  if (
    cutBefore &&
    at > 0 &&
    first &&
    !first.marked &&
    /[\p{L}\p{M}\p{N}]/u.test(text[at - 1] ?? '')
  ) {
    pieces = [
      { text: first.text.replace(LEADING_PART_WORD, ''), marked: false },
      ...pieces.slice(1),
    ];
  }
  const html = pieces
    .map((piece) =>
      piece.marked ? `<mark>${escapeHtml(piece.text)}</mark>` : escapeHtml(piece.text),
    )
    .join('');
  return `${cutBefore ? '…' : ''}${html}${cutAfter ? '…' : ''}`;
}
