/**
 * What a list or an export answers in: JSON by default, CSV when `format=csv` says so or, with no
 * `format`, when `Accept` prefers `text/csv` to `application/json` (as curl's `-H 'Accept:
 * text/csv'` and spreadsheet tools send it). A browser's `*\/*` and no Accept at all get JSON.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

export const ANSWER_FORMATS = ['json', 'csv'] as const;
export type AnswerFormat = (typeof ANSWER_FORMATS)[number];

/** `format=` of every list: `json` (the page), `csv` (the page's records, as the CSV import reads). */
export const formatParam = z.enum(ANSWER_FORMATS).optional().meta({
  description:
    '`csv`: the page\'s records as CSV (`text/csv`), in the columns `POST /v1/imports` takes for the kind, so that the file imports back unchanged; the next page\'s cursor is in the `Link` header (`rel="next"`), the total (`count=true`) in `X-Total-Count`. `Accept: text/csv` asks the same. JSON by default.',
});

/** The q-value of the ranges in `accept` that match `type` (`text/csv`), the most specific first. */
function qualityOf(accept: string, type: string): number {
  const [major] = type.split('/');
  let best = { specificity: -1, q: 0 };
  for (const range of accept.split(',')) {
    const [media = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const specificity = media === type ? 2 : media === `${major}/*` ? 1 : media === '*/*' ? 0 : -1;
    if (specificity < best.specificity || specificity < 0) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    best = { specificity, q: Number.isFinite(q) ? q : 0 };
  }
  return best.q;
}

/** The format asked for: `format=` when given, else the one `Accept` prefers (JSON on a tie). */
export function answerFormat(format: AnswerFormat | undefined, accept: string | undefined) {
  if (format) return format;
  if (!accept) return 'json';
  return qualityOf(accept, 'text/csv') > qualityOf(accept, 'application/json') ? 'csv' : 'json';
}

/** The same from a request not yet validated (the render cache's lookup runs before). */
export function requestedFormat(request: FastifyRequest): AnswerFormat {
  const raw = (request.query as Record<string, unknown> | undefined)?.format;
  const format = raw === 'csv' || raw === 'json' ? raw : undefined;
  return answerFormat(format, request.headers.accept);
}
