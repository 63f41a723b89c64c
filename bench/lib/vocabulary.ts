/**
 * Synthetic language for the generator: a vocabulary of distinct words built from syllables and
 * drawn with a Zipf-like frequency (rank 0 most common, most words rare), proper names, and the
 * same names written in other scripts (Cyrillic, Greek, Hangul, CJK ideographs, Latin with
 * diacritics), as the names parties give events and the aliases people go by.
 */
import { hash32, mulberry32, pick, type Rng, Zipf } from './random.js';

const ONSETS = 'b c d f g h j k l m n p r s t v w z br ch dr gr kh kr pr sh st tr th ts -'
  .split(' ')
  .map((o) => (o === '-' ? '' : o));
const NUCLEI = 'a e i o u a e o ai ou ia ei'.split(' ');
const CODAS = '- - - n r l s k m t ng'.split(' ').map((c) => (c === '-' ? '' : c));

function syllable(rng: Rng): string {
  return pick(rng, ONSETS) + pick(rng, NUCLEI) + pick(rng, CODAS);
}

/** Distinct words, shortest first: the short ones get the high ranks, as in natural languages. */
export function buildVocabulary(size: number, seed: number): string[] {
  const rng = mulberry32(seed);
  const seen = new Set<string>();
  const words: string[] = [];
  while (words.length < size) {
    // Word length grows with how many words we already have, so rank and length correlate.
    const syllables =
      1 + Math.min(4, Math.floor(Math.log10(words.length + 10) * 0.6 - 0.3 + rng()));
    let word = '';
    for (let i = 0; i < syllables; i++) word += syllable(rng);
    if (word.length < 2 || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}

export class Vocabulary {
  readonly words: string[];
  private readonly zipf: Zipf;

  constructor(size: number, seed: number, exponent = 1.0) {
    this.words = buildVocabulary(size, seed);
    this.zipf = new Zipf(size, exponent);
  }

  word(rng: Rng): string {
    return this.words[this.zipf.sample(rng)] as string;
  }

  /** `count` words drawn independently, as prose. */
  text(rng: Rng, count: number): string {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.word(rng));
    return out.join(' ');
  }
}

export const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** A proper name of one or two syllable words: "Kovaru", "Tresh Ambolin". */
export function properName(rng: Rng, parts = 1): string {
  const out: string[] = [];
  for (let p = 0; p < parts; p++) {
    let word = '';
    const syllables = 2 + Math.floor(rng() * 2);
    for (let i = 0; i < syllables; i++) word += syllable(rng);
    out.push(capitalize(word));
  }
  return out.join(' ');
}

const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const letterTable = (to: string) =>
  Object.fromEntries([...LATIN].map((ch, i) => [ch, [...to][i] as string]));
const CYRILLIC = letterTable('абцдефгхийклмнопкрстуввхыз');
const GREEK = letterTable('αβκδεφγηιξκλμνοπκρστυβωχψζ');
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', c: 'ç', n: 'ñ' };

export type Script = 'latin' | 'accented' | 'cyrillic' | 'greek' | 'hangul' | 'han';

function mapLetters(word: string, table: Record<string, string>, every = 1): string {
  let out = '';
  let i = 0;
  for (const ch of word) {
    const lower = ch.toLowerCase();
    const mapped = i++ % every === 0 ? (table[lower] ?? ch) : ch;
    out += ch === lower ? mapped : mapped.toUpperCase();
  }
  return out;
}

/** One ideograph (or Hangul syllable) per two letters, chosen by hash: stable for a word. */
function blocks(word: string, base: number, size: number): string {
  let out = '';
  const lower = word.toLowerCase();
  for (let i = 0; i < lower.length; i += 2) {
    out += String.fromCodePoint(base + (hash32(lower.slice(i, i + 2)) % size));
  }
  return out;
}

/** The same words written in another script; words stay separated by spaces. */
export function transliterate(text: string, script: Script): string {
  if (script === 'latin') return text;
  return text
    .split(' ')
    .map((word) => {
      switch (script) {
        case 'accented':
          return mapLetters(word, ACCENTED, 2);
        case 'cyrillic':
          return mapLetters(word, CYRILLIC);
        case 'greek':
          return mapLetters(word, GREEK);
        case 'hangul':
          return blocks(word, 0xac00, 11172);
        case 'han':
          return blocks(word, 0x4e00, 20902);
      }
      return word;
    })
    .join(' ');
}

/** Parties that name events their own way, and the script they write in. */
export const PARTIES: readonly { usedBy: string; script: Script }[] = [
  { usedBy: 'the West', script: 'latin' },
  { usedBy: 'China', script: 'han' },
  { usedBy: 'DPRK', script: 'hangul' },
  { usedBy: 'Russia', script: 'cyrillic' },
  { usedBy: 'Greece', script: 'greek' },
  { usedBy: 'France', script: 'accented' },
];

export const ALIAS_SCRIPTS: readonly Script[] = ['cyrillic', 'greek', 'hangul', 'han', 'accented'];
