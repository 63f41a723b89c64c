/** The formats and modes of imports and exports, named once for the schemas, the log and the CLI. */
export const IMPORT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** An export is a bundle (JSON, or NDJSON a record a line), or the CSV of one kind. */
export const EXPORT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `all`: one bad record and nothing is written; `partial`: the good ones are. */
export const IMPORT_MODES = ['all', 'partial'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** How an import ended: written, refused (nothing written), or checked only (a dry run). */
export const IMPORT_STATUSES = ['imported', 'rejected', 'validated'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
