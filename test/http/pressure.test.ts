import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import type { App } from '../../src/app.js';
import { assertProblem } from '../expect.js';
import { buildTestApp } from '../helper.js';

/** Keeps the event loop busy: blocks it `blockMs` at a time with short breaks, until stopped. */
function saturate(blockMs: number): () => void {
  let running = true;
  const block = () => {
    if (!running) return;
    const until = Date.now() + blockMs;
    while (Date.now() < until) {
      // Busy: nothing else runs in this process meanwhile.
    }
    setTimeout(block, 5);
  };
  setTimeout(block, 0);
  return () => {
    running = false;
  };
}

/** GETs /v1/events until it answers 200 (for a few seconds at most); returns the last status. */
async function untilCalm(app: App): Promise<number> {
  let status = 0;
  for (let i = 0; i < 150 && status !== 200; i += 1) {
    await sleep(20);
    status = (await app.inject({ method: 'GET', url: '/v1/events' })).statusCode;
  }
  return status;
}

t.test('a saturated event loop gets 503 with Retry-After at once, not a timeout', async (t) => {
  const app = await buildTestApp(t, {
    seed: false,
    // Sampled often, so that the test sees pressure come and go within a second or two.
    pressure: { maxEventLoopDelayMs: 60, sampleIntervalMs: 20 },
  });
  // Building the app kept the loop busy too: wait for a calm sample.
  t.equal(await untilCalm(app), 200, 'calm: 200');

  const stop = saturate(200);
  t.teardown(stop);
  await sleep(500);
  const busy = await app.inject({ method: 'GET', url: '/v1/events' });
  const health = await app.inject({ method: 'GET', url: '/health' });
  stop();

  const body = assertProblem(t, busy, 503, 'GET /v1/events while the loop is saturated');
  t.equal(body.type, '/problems/unavailable');
  t.match(body.detail, /overloaded/, 'the detail says why');
  t.equal(busy.headers['retry-after'], '10', 'Retry-After: 10');
  t.equal(health.statusCode, 200, 'GET /health still reports meanwhile');

  t.equal(await untilCalm(app), 200, 'once the loop is free again, requests are answered');
});
