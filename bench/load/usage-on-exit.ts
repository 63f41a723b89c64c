/**
 * Preloaded (`--import`) into a child whose code the bench does not own, such as the import
 * command: on exit, writes to BENCH_USAGE_FILE the process's peak RSS and CPU time, when this
 * preload ran and when the process exited (epoch ms, the clock of the import log's timestamps),
 * and every line the child wrote to stderr with when it wrote it (the import command's progress
 * names its phases there).
 */
import { writeFileSync } from 'node:fs';
import { cpuSeconds, peakRssMb } from './common.js';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  const preloadAt = Date.now();
  const stderr: { at: number; text: string }[] = [];
  const write = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const at = Date.now();
    for (const text of String(chunk).split('\n')) if (text.trim()) stderr.push({ at, text });
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
  process.on('exit', () => {
    const usage = {
      peakRssMb: peakRssMb(),
      cpuSeconds: cpuSeconds(),
      preloadAt,
      exitAt: Date.now(),
    };
    writeFileSync(file, JSON.stringify({ ...usage, stderr: stderr.slice(-200) }));
  });
}
