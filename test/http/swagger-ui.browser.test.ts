/**
 * Swagger UI in a real browser: headless Chromium opens /docs on the app listening on a random
 * port (seeded, with one API key) and uses "Try it out" as a person would: a search with a word
 * typed in, every GET operation with its form as it opens, and a write after "Authorize". The
 * browser is the one inside the @sparticuz/chromium package (unpacked to /tmp on first use), so
 * `npm ci && npm test` needs nothing from the system's packages.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import packagedChromium from '@sparticuz/chromium';
import {
  type Browser,
  chromium,
  type Locator,
  type Page,
  type Request,
  type Response,
} from 'playwright-core';
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import type { ApiKey } from '../../src/http/auth.js';
import { DOCS_CSP } from '../../src/http/security.js';
import { buildTestApp } from '../helper.js';

const SCREENSHOT = 'test-artifacts/swagger-ui-search.png';
const KEY: ApiKey = { name: 'swagger-ui', secret: 'sk-annals-test-swagger-ui-1' };

let browser: Browser;
t.before(async () => {
  browser = await chromium.launch({
    // CHROME_PATH: another Chromium (a system without the packaged one's libraries, say).
    executablePath: process.env.CHROME_PATH || (await packagedChromium.executablePath()),
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
});
t.teardown(() => browser.close());
// Some thirty operations, one after the other, in a browser on a busy machine.
t.setTimeout(300_000);

/** The seeded app, listening, and a page of Swagger UI on it, with the CSP violations it reports. */
async function openDocs(
  t: Test,
): Promise<{ app: App; base: string; page: Page; violations: string[] }> {
  const app = await buildTestApp(t, { apiKeys: [KEY] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  t.teardown(() => page.close());
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
  return { app, base, page, violations };
}

/** The operation's block, opened, with "Try it out" pressed. */
async function tryItOut(page: Page, method: string, path: string): Promise<Locator> {
  const operation = page.locator(`.opblock-${method}`, {
    has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
  });
  await operation.locator('.opblock-summary').click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  return operation;
}

/**
 * Types a value into a parameter's field and leaves the field: Swagger UI's fields pass their
 * value on after a debounce of 350 ms or on blur, and an Execute pressed within the debounce on a
 * busy machine sends the form as it was.
 */
async function fillParam(operation: Locator, name: string, value: string): Promise<void> {
  const field = operation.locator(`tr[data-param-name="${name}"] input`);
  await field.fill(value);
  await field.press('Tab');
}

/**
 * Presses Execute and returns what the browser got back, and the status Swagger UI shows. When no
 * request leaves, the failure says what the operation's block shows (a field Swagger UI refused).
 */
async function execute(
  page: Page,
  operation: Locator,
): Promise<{ response: Response; shown: string }> {
  const fetched = (r: Request) => ['fetch', 'xhr'].includes(r.resourceType());
  const [request] = await Promise.all([
    page.waitForRequest(fetched, { timeout: 60_000 }).catch(async (error: Error) => {
      const errors = await operation.locator('.validation-errors, .invalid').allTextContents();
      throw new Error(`${error.message}; no request left; the block shows: ${errors.join(' | ')}`);
    }),
    operation.getByRole('button', { name: 'Execute' }).click(),
  ]);
  const response = await request.response();
  if (!response)
    throw new Error(`${request.url()}: ${request.failure()?.errorText ?? 'no answer'}`);
  const status = operation.locator('.live-responses-table tr.response .response-col_status');
  await status.first().waitFor();
  return { response, shown: ((await status.first().textContent()) ?? '').trim() };
}

/** A page with items, or an item (an object with fields). */
function hasData(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const data = (body as { data?: unknown }).data;
  return Array.isArray(data) ? data.length > 0 : Object.keys(body).length > 0;
}

t.test('Swagger UI runs GET /v1/search?q=wreath from "Try it out"', async (t) => {
  const { base, page, violations } = await openDocs(t);
  const operation = await tryItOut(page, 'get', '/v1/search');
  await fillParam(operation, 'q', 'wreath');
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

t.test('every GET operation answers data with its form as it opens', async (t) => {
  const { app, page } = await openDocs(t);
  const doc = (await app.inject('/openapi.json')).json();
  const gets = Object.entries<Record<string, unknown>>(doc.paths)
    .filter(([, item]) => item.get)
    .map(([path]) => path);
  t.ok(gets.length >= 30, `${gets.length} GET operations`);
  for (const path of gets) {
    const operation = await tryItOut(page, 'get', path);
    const { response, shown } = await execute(page, operation);
    const url = response.url().replace(/^https?:\/\/[^/]+/, '');
    t.match(shown, /^2\d\d$/, `GET ${path}: Swagger UI shows ${shown} (${url})`);
    // The problem types' pages are HTML; everything else is JSON.
    const html = /^text\/html/.test((await response.allHeaders())['content-type'] ?? '');
    t.ok(
      html ? /<h1/i.test(await response.text()) : hasData(await response.json()),
      `GET ${path}: the answer holds data`,
    );
    // Closed again, so that the page stays short and the next block is where it was.
    await operation.locator('.opblock-summary').click();
  }
});

t.test('GET /v1/events with from and to filled answers the events of that day', async (t) => {
  const { page } = await openDocs(t);
  const operation = await tryItOut(page, 'get', '/v1/events');
  await fillParam(operation, 'from', '2023-07-25');
  await fillParam(operation, 'to', '2023-07-25');
  const { response, shown } = await execute(page, operation);
  t.equal(shown, '200');
  const url = new URL(response.url());
  t.same(
    [...url.searchParams.keys()],
    ['from', 'to'],
    'only the filters filled in are sent (and no other parameter)',
  );
  const ids = (await response.json()).data.map((event: { id: string }) => event.id);
  t.ok(ids.includes('kim-jong-un-wreath-laying-cpv-cemetery'), `the wreath-laying is among ${ids}`);
});

t.test('an authorized import of NDJSON from "Try it out"', async (t) => {
  const { app, page } = await openDocs(t);
  await page.locator('.auth-wrapper .authorize').click();
  const dialog = page.locator('.dialog-ux .modal-ux');
  await dialog.locator('input').fill(KEY.secret);
  await dialog.getByRole('button', { name: 'Apply credentials' }).click();
  await dialog.getByRole('button', { name: 'Remove authorization' }).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();

  const operation = await tryItOut(page, 'post', '/v1/imports');
  await operation
    .locator('.opblock-section-request-body select')
    .selectOption('application/x-ndjson');
  // Swagger UI shows a string example of any media type matching /json/ as a JSON string (in
  // quotes): the user types the record's line itself, the document's example unquoted.
  const body = operation.locator('.opblock-section-request-body textarea');
  const shownExample = JSON.parse(await body.inputValue());
  t.match(shownExample, /^\{"kind":"places","record":\{"id":"wonsan"/, 'the example is shown');
  await body.fill(shownExample);
  const { response, shown } = await execute(page, operation);
  t.equal(response.request().headers().authorization, `Bearer ${KEY.secret}`, 'the key is sent');
  t.equal(shown, '201', 'Swagger UI shows 201');
  t.match(await response.json(), {
    format: 'ndjson',
    key_name: KEY.name,
    report: { totals: { created: 1 } },
  });
  t.equal((await app.inject('/v1/places/wonsan')).statusCode, 200, 'the place is there');
});
