/**
 * Swagger UI in a real browser: headless Chromium opens /docs on the app listening on a random
 * port, runs GET /v1/search from "Try it out" and reads the answer. The browser is the one inside
 * the @sparticuz/chromium package (unpacked to /tmp on first use), so `npm ci && npm test` needs
 * nothing from the system's packages.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import packagedChromium from '@sparticuz/chromium';
import { chromium } from 'playwright-core';
import t from 'tap';
import { DOCS_CSP } from '../../src/http/security.js';
import { buildTestApp } from '../helper.js';

const SCREENSHOT = 'test-artifacts/swagger-ui-search.png';

t.test('Swagger UI runs GET /v1/search?q=wreath from "Try it out"', async (t) => {
  const app = await buildTestApp(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const browser = await chromium.launch({
    executablePath: await packagedChromium.executablePath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  // The machine has no web access: anything but the app fails fast instead of timing out.
  await page.route('**/*', (route) =>
    route.request().url().startsWith(base) ? route.continue() : route.abort(),
  );

  // Helmet's policy must not break the page: Chromium reports every blocked script or style.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  const docs = await page.goto(`${base}/docs`);
  t.equal(
    (await docs?.allHeaders())?.['content-security-policy'],
    DOCS_CSP,
    'the docs are served with a Content-Security-Policy of their own',
  );
  const operation = page.locator('.opblock-get', {
    has: page.locator('.opblock-summary-path[data-path="/v1/search"]'),
  });
  await operation.locator('.opblock-summary').click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  await operation.locator('tr[data-param-name="q"] input').fill('wreath');
  await operation.getByRole('button', { name: 'Execute' }).click();

  const answer = operation.locator('.live-responses-table');
  const body = answer.locator('tr.response .response-col_description .microlight').first();
  await body.waitFor();
  mkdirSync('test-artifacts', { recursive: true });
  await operation.screenshot({ path: SCREENSHOT });

  const requestUrl = (await operation.locator('.request-url pre').textContent())?.trim() ?? '';
  t.ok(
    requestUrl.startsWith(`${base}/v1/search?q=wreath`),
    `the request went to the server that serves the docs: ${requestUrl}`,
  );
  const status = await answer.locator('tr.response .response-col_status').textContent();
  t.equal(status?.trim(), '200', 'the answer shown is 200');
  const shown = JSON.parse((await body.textContent()) ?? '');
  t.ok(
    shown.data.some((hit: { id: string }) => hit.id === 'kim-jong-un-wreath-laying-cpv-cemetery'),
    'the wreath-laying is among the hits shown',
  );
  t.ok(existsSync(SCREENSHOT), `screenshot saved to ${SCREENSHOT}`);
  t.same(violations, [], 'no Content-Security-Policy violation on the page');
});
