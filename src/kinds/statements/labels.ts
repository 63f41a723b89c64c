/** Readable one-line labels for facts that have no title of their own. */

export const LABEL_MAX = 100;

/** Cuts `text` to at most `max` characters, at a word boundary when one is near, marking the cut. */
export function truncate(text: string, max = LABEL_MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A statement as a title: "Mao Ning: China would like to work with the DPRK…". */
export function statementTitle(speaker: string | null, text: string): string {
  return truncate(speaker ? `${speaker}: ${text}` : text);
}
