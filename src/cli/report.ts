/** An import's report as the command line prints it: a table of counts, then the rejections. */
import type { ImportRecord, ImportReport, KindCounts, Rejection } from '../bundle/report.js';
import { KIND_NAMES } from '../kinds/index.js';

/** How many rejections are printed; the report itself keeps up to a thousand. */
export const LISTED_REJECTIONS = 20;

/** 0 when everything was imported (or, on a dry run, would be); 1 when anything was rejected. */
export function exitStatusOf(report: ImportReport): 0 | 1 {
  const clean = report.totals.rejected === 0 && report.rejections.length === 0;
  return clean && (report.status === 'imported' || report.status === 'validated') ? 0 : 1;
}

/** Columns padded to their widest cell; numbers to the right, the last column left ragged. */
function table(rows: string[][], numeric: (column: number) => boolean): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, c) => {
        if (c === row.length - 1 && !numeric(c)) return cell;
        const width = widths?.[c] ?? 0;
        return numeric(c) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd(),
  );
}

function headline(record: ImportRecord, source: string): string {
  const { report } = record;
  const rejected = report.totals.rejected;
  switch (report.status) {
    case 'validated':
      return rejected === 0
        ? `dry run of ${source}: valid; nothing was written`
        : `dry run of ${source}: ${rejected} record(s) would be rejected; nothing was written`;
    case 'rejected':
      return `rejected ${source}: ${rejected} record(s) rejected, so nothing was written (--partial writes the valid ones)`;
    default:
      return rejected === 0
        ? `imported ${source}`
        : `imported ${source} in part: ${rejected} record(s) rejected and skipped`;
  }
}

function where(rejection: Rejection): string {
  if (rejection.line !== undefined) return `line ${rejection.line}`;
  if (rejection.index !== undefined) return `index ${rejection.index}`;
  return '-';
}

/** The report as text for stdout. */
export function formatReport(record: ImportRecord, source: string): string {
  const { report } = record;
  const lines = [`${headline(record, source)} (import ${record.id})`, ''];

  const counts = (label: string, c: KindCounts) => [
    label,
    ...[c.created, c.updated, c.unchanged, c.rejected].map(String),
  ];
  const rows = [['kind', 'created', 'updated', 'unchanged', 'rejected']];
  let attributed = 0;
  for (const kind of KIND_NAMES) {
    const c = report.counts[kind];
    attributed += c.rejected;
    if (c.created + c.updated + c.unchanged + c.rejected > 0) rows.push(counts(kind, c));
  }
  // Inputs rejected before they had a kind: unreadable lines, unknown kinds, a bad envelope.
  const unattributed = report.totals.rejected - attributed;
  if (unattributed > 0) rows.push(['(no kind)', '0', '0', '0', String(unattributed)]);
  rows.push(counts('total', report.totals));
  lines.push(...table(rows, (c) => c > 0));

  if (report.rejections.length > 0) {
    const shown = report.rejections.slice(0, LISTED_REJECTIONS);
    const more = report.rejections.length - shown.length;
    const total = `${report.rejections.length}${report.rejections_truncated ? '+' : ''}`;
    lines.push(
      '',
      more > 0 || report.rejections_truncated
        ? `rejections (first ${shown.length} of ${total}):`
        : 'rejections:',
    );
    lines.push(
      ...table(
        [
          ['kind', 'id', 'at', 'pointer', 'reason'],
          ...shown.map((r) => [r.kind ?? '-', r.id ?? '-', where(r), r.pointer || '-', r.reason]),
        ],
        () => false,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
