/**
 * Preloaded (`--import`) into a child whose code the bench does not own, such as the import
 * command: on exit, writes the process's peak RSS and CPU time to BENCH_USAGE_FILE.
 */
import { writeFileSync } from 'node:fs';
import { cpuSeconds, peakRssMb } from './common.js';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify({ peakRssMb: peakRssMb(), cpuSeconds: cpuSeconds() }));
  });
}
