/**
 * Preloaded (`--import`) into a child whose code the bench does not own, such as the import
 * command: on exit, writes to BENCH_USAGE_FILE the process's peak RSS and CPU time, when this
 * preload ran and when the process exited (epoch ms, the clock of the import log's timestamps),
 * and every line the child wrote to stderr with when it wrote it (the import command's progress
 * names its phases there). Plain JavaScript, so that the command runs without tsx.
 */
import { writeFileSync } from 'node:fs';

// As common.ts measures them.
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  const preloadAt = Date.now();
  /** @type {{ at: number; text: string }[]} */
  const stderr = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    const at = Date.now();
    for (const text of String(chunk).split('\n')) if (text.trim()) stderr.push({ at, text });
    return write(chunk, ...rest);
  };
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
