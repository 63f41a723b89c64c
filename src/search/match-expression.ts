/**
 * Turns whatever a user typed into an FTS5 MATCH expression that cannot be a syntax error:
 * every word becomes a quoted term (so `AND`, `NEAR(`, `*`, `:` and `^` are plain text), words
 * of two letters or more also match as prefixes (`Pyong` finds Pyongyang), and text in balanced
 * double quotes stays a phrase. An unbalanced quote is read as a space.
 */

/** Words as FTS5's unicode61 tokenizer sees them: runs of letters, marks and digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const PHRASE = /"([^"]*)"/g;
/** Why a query with no words is refused (a 400 on /q), on either backend. */
export const NO_WORDS = 'no words to search for: type letters or digits';
/** More terms than this add cost and rarely change what a person finds. */
export const MAX_TERMS = 16;

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * The MATCH expression for a query, or null when it holds nothing to search for. `wholeWord`
 * names the words to match whole after all, not as prefixes.
 */
export function toMatchExpression(
  input: string,
  wholeWord: (word: string) => boolean = () => false,
): string | null {
  const terms: string[] = [];
  const rest = input.replace(PHRASE, (_, phrase: string) => {
    const phraseWords = words(phrase);
    if (phraseWords.length > 0) terms.push(`"${phraseWords.join(' ')}"`);
    return ' ';
  });
  for (const word of words(rest)) {
    terms.push(word.length >= 2 && !wholeWord(word) ? `"${word}"*` : `"${word}"`);
  }
  if (terms.length === 0) return null;
  return terms.slice(0, MAX_TERMS).join(' ');
}

/** A term of a query: a word (matched as a prefix) or a phrase (its words in order). */
export interface QueryTerm {
  words: string[];
  prefix: boolean;
}

/** The terms a query searches for, as toMatchExpression reads them (for snippets). */
export function queryTerms(input: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const rest = input.replace(PHRASE, (_, phrase: string) => {
    const phraseWords = words(phrase);
    if (phraseWords.length > 0) terms.push({ words: phraseWords, prefix: false });
    return ' ';
  });
  for (const word of words(rest)) terms.push({ words: [word], prefix: word.length >= 2 });
  return terms.slice(0, MAX_TERMS);
}
