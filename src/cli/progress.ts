/**
 * How far an import has got, on stderr so that stdout keeps only the report. On a terminal: one
 * line redrawn ten times a second (records read, their rate, bytes read of the file's size with
 * a bar), erased at the end. Elsewhere (a log, CI): a plain line every 10,000 records, so a small
 * file prints none.
 */

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** The file's size in bytes, for the bar. */
  total?: number;
  stream?: ProgressStream;
  /** How often a terminal line is redrawn. */
  intervalMs?: number;
  /** Every how many records a plain line is written. */
  every?: number;
}

export interface Progress {
  /** Adds bytes read. */
  bytes(count: number): void;
  /** Sets the number of records read. */
  records(count: number): void;
  /** Shown after the counts once reading is over: what the slow part left is doing. */
  note(text: string): void;
  /** Erases the line and stops redrawing. */
  done(): void;
}

export interface ProgressState {
  records: number;
  bytes: number;
  total?: number;
  /** Records a second, or bytes a second while no record is counted (a JSON bundle); unknown at first. */
  rate?: number;
  note?: string;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** One terminal line, fitted to `columns`: the bar takes what room the numbers leave. */
export function formatLine(state: ProgressState, columns = 80): string {
  const rate =
    state.rate === undefined
      ? ''
      : state.records > 0
        ? `${count(state.rate)}/s`
        : `${formatBytes(state.rate)}/s`;
  const head = [`${count(state.records)} records`, rate].filter(Boolean).join('  ');
  const size =
    state.total === undefined
      ? formatBytes(state.bytes)
      : `${formatBytes(state.bytes)} / ${formatBytes(state.total)}`;
  const tail = state.note ? `  ${state.note}` : '';
  let line = `${head}  ${size}${tail}`;
  if (state.total) {
    const share = Math.min(1, state.bytes / state.total);
    const percent = `${Math.floor(share * 100)}%`.padStart(4);
    const room = columns - 1 - line.length - percent.length - 5;
    const width = Math.min(30, room);
    if (width >= 10) {
      const filled = Math.round(share * width);
      const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
      line = `${head}  ${bar} ${percent}  ${size}${tail}`;
    }
  }
  return line.slice(0, Math.max(0, columns - 1));
}

/** A progress display on `stream` (stderr by default); call `done()` in every case. */
export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const every = options.every ?? 10_000;
  const state: ProgressState = { records: 0, bytes: 0, total: options.total };
  // The rate over the last two seconds: recent enough to follow a slowdown, steady to read.
  const samples: { at: number; records: number; bytes: number }[] = [];
  let drawn = false;

  const draw = () => {
    const now = performance.now();
    samples.push({ at: now, records: state.records, bytes: state.bytes });
    while (samples.length > 2 && (samples[0]?.at ?? now) < now - 2000) samples.shift();
    const first = samples[0];
    if (first && now > first.at) {
      const seconds = (now - first.at) / 1000;
      state.rate =
        state.records > 0
          ? (state.records - first.records) / seconds
          : (state.bytes - first.bytes) / seconds;
    }
    stream.write(`\r\x1b[2K${formatLine(state, stream.columns ?? 80)}`);
    drawn = true;
  };

  const timer = stream.isTTY ? setInterval(draw, options.intervalMs ?? 100) : undefined;
  // The display never keeps the process alive on its own.
  timer?.unref();
  let reported = 0;
  let lastNote: string | undefined;

  return {
    bytes(n) {
      state.bytes += n;
    },
    records(n) {
      state.records = n;
      if (!stream.isTTY && Math.floor(n / every) > reported) {
        reported = Math.floor(n / every);
        const size = state.total === undefined ? '' : ` of ${formatBytes(state.total)}`;
        stream.write(`${count(n)} records read (${formatBytes(state.bytes)}${size})\n`);
      }
    },
    note(text) {
      state.note = text;
      // Drawn at once: what follows may be a long synchronous step that holds the timer back.
      if (timer) draw();
      // In a log, a long import's phases get a line each (a small file still prints nothing).
      else if (reported > 0 && text !== lastNote) stream.write(`${text}…\n`);
      lastNote = text;
    },
    done() {
      if (timer) clearInterval(timer);
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
