import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../lib/routes/index.js';
import { BrowserPage } from './chromium.js';
import { npmStart } from '../support/npm-start.js';

/**
 * The API explorer as a user meets it: `npm start`, then the URL it prints opened in headless
 * Chromium. The screenshot goes to test/browser/screenshots/ (git-ignored).
 */

const SCREENSHOT_DIR = new URL('./screenshots/', import.meta.url);

/** What a user runs to get a credential: the project's own scripts. */
const mint = (script: 'token' | 'usersig', ...args: string[]) =>
  execFileSync('npm', ['run', '-s', script, '--', ...args], { encoding: 'utf8' }).trim();

/** The `METHOD /path` of every operation the page shows. */
const LISTED_OPERATIONS = `[...document.querySelectorAll('.opblock')].map((block) =>
  block.querySelector('.opblock-summary-method').textContent + ' ' + block.querySelector('.opblock-summary-path').dataset.path)`;

/** Script that finds the operation block of `method path` on the page. */
const operationBlock = (method: string, path: string) => `[...document.querySelectorAll('.opblock')].find((block) =>
  block.querySelector('.opblock-summary-method').textContent === ${JSON.stringify(method)}
  && block.querySelector('.opblock-summary-path').dataset.path === ${JSON.stringify(path)})`;

describe('the API explorer that npm start serves, in headless Chromium', () => {
  let app: Awaited<ReturnType<typeof npmStart>>;
  let page: BrowserPage;

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([npmStart(), BrowserPage.launch()]);
    // Keep whichever started, so that afterAll stops it even when the other failed.
    if (started.status === 'fulfilled') app = started.value;
    if (launched.status === 'fulfilled') page = launched.value;
    for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
  }, 180_000);

  afterAll(async () => {
    if (page) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      writeFileSync(new URL('api-explorer.png', SCREENSHOT_DIR), await page.screenshot());
      await page.close();
    }
    await app?.stop();
  });

  it('opens at the printed URL with no console error and lists every route of the route table', async () => {
    await page.open(app.url);
    await page.waitFor(`document.querySelectorAll('.opblock').length >= ${routes.length}`, 'every operation to render');
    const listed = await page.evaluate<string[]>(LISTED_OPERATIONS);
    expect([...listed].sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    expect(await page.evaluate<string>(`document.querySelector('a[href="/openapi.json"]')?.textContent ?? ''`)).toContain('OpenAPI');
    expect(page.errors).toEqual([]);
  });

  /** Opens Authorize, pastes `credential` into the field `field` names, applies it and closes the dialog. */
  async function authorize(field: string, credential: string): Promise<void> {
    const input = `document.querySelector(${JSON.stringify(field)})`;
    await page.evaluate(`document.querySelector('.auth-wrapper .authorize').click()`);
    await page.waitFor(`!!${input}`, `the field ${field}`);
    await page.type(input, credential);
    await page.evaluate(`${input}.closest('form').querySelector('button.authorize').click()`);
    await page.evaluate(`document.querySelector('.modal-ux .btn-done').click()`);
  }

  /** Expands an operation, clicks Try it out (replacing the example body with `body`, if given) and Execute; the answer shown. */
  async function tryOut(method: string, path: string, body?: string): Promise<{ status: string; body: unknown }> {
    const block = operationBlock(method, path);
    await page.evaluate(`${block}.querySelector('.opblock-summary-control').click()`);
    await page.waitFor(`!!${block}.querySelector('.try-out__btn')`, 'the Try it out button');
    await page.evaluate(`${block}.querySelector('.try-out__btn').click()`);
    await page.waitFor(`!!${block}.querySelector('.execute')`, 'the Execute button');
    if (body !== undefined) {
      const editor = `${block}.querySelector('textarea.body-param__text')`;
      await page.evaluate(`${editor}.select()`);
      await page.type(editor, body);
    }
    await page.evaluate(`${block}.querySelector('.execute').click()`);
    const answer = `${block}.querySelector('.live-responses-table tr.response')`;
    const status = await page.waitFor<string>(`${answer}?.querySelector('.response-col_status').textContent.trim()`, 'the answer');
    return { status, body: JSON.parse(await page.evaluate<string>(`${answer}.querySelector('.highlight-code pre').textContent`)) };
  }

  it('tries GET /friendship/all with a token from npm run token pasted into Authorize: 200', async () => {
    await authorize('#auth-bearer-value', mint('token', 'explorer-alice', '--nickname', 'Alice'));
    expect(await tryOut('GET', '/friendship/all')).toEqual({ status: '200', body: { code: 200, result: [] } });
    expect(page.errors).toEqual([]);
  });

  it('tries a /v4 route with a usersig from npm run usersig pasted into Authorize: ActionStatus OK', async () => {
    await authorize('#api_key_value', mint('usersig'));
    const answer = await tryOut('POST', '/v4/recentcontact/get_contact_group', '{"From_Account":"explorer-alice","StartIndex":0}');
    expect(answer.status).toBe('200');
    expect(answer.body).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, CompleteFlag: 1 });
    expect(page.errors).toEqual([]);
  });
});
