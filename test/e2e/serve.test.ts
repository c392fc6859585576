// End to end in a real browser: `studio serve` on a fresh workspace, Debian's Chromium, the built
// renderer. Every wizard step renders its real empty state, the header shows the workspace, the
// workspace check runs from the UI to its result, keyboard navigation works, the bridge refuses
// requests without the token or from a foreign origin, and the page talks to no other host.
// Screenshots of every step, light and dark, land in test-results/e2e/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { launchChromium } from './browser';
import { ensureRendererBuilt } from './renderer-build';
import { REPO, startServe, type ServeProcess } from './serve-process';

const SHOTS = join(REPO, 'test-results', 'e2e');

/** Each page, its heading, and what a new workspace shows there: an empty state, or the bundled base models. */
const PAGES = [
  { route: 'corpus', heading: 'Corpus', empty: 'No corpus yet — import a folder of documents' },
  { route: 'base-model', heading: 'Base model', empty: 'Base models in this workspace' },
  { route: 'strategy', heading: 'Strategy', empty: 'What this step needs' },
  { route: 'train', heading: 'Train', empty: 'No training run yet' },
  { route: 'evaluate', heading: 'Evaluate', empty: 'Nothing to evaluate yet — finish a training run first' },
  { route: 'export', heading: 'Export', empty: 'No finished training run yet: only registered models can be exported.' },
  { route: 'experiments', heading: 'Experiments', empty: 'No experiments yet' },
] as const;

let server: ServeProcess;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const requested: string[] = [];
/** Event names of the frames the page received over its WebSocket. */
const frames: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  await ensureRendererBuilt();
  mkdirSync(SHOTS, { recursive: true });
  server = await startServe();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('request', (request) => requested.push(request.url()));
  page.on('websocket', (socket) => {
    requested.push(socket.url());
    socket.on('framereceived', ({ payload }) => {
      try {
        frames.push(String((JSON.parse(String(payload)) as { event?: unknown }).event));
      } catch {
        frames.push('(not JSON)');
      }
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// Browser-side expressions are strings: this file is type-checked for Node, without DOM types.
async function visit(route: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(`#/${route}`)}`);
}

function focusedHref(): Promise<string | null> {
  return page.locator(':focus').getAttribute('href');
}

describe('studio serve in Chromium', () => {
  it('loads with the token and shows the workspace and how it runs in the header', async () => {
    await expect.poll(() => page.getByTestId('workspace-path').textContent()).toContain(server.workspace);
    await expect.poll(() => page.locator('header').first().textContent()).toContain('Local server');
    // The doctor answers: the backend line leaves "checking…" for a backend name or a failure.
    await expect
      .poll(() => page.getByTestId('backend').textContent(), { timeout: 60_000 })
      .not.toContain('checking');
    // The doctor's findings per backend, one of them in use.
    await page.getByText('Training backends').click();
    const backends = page.locator('[data-testid^="backend-"]');
    await expect.poll(() => backends.count()).toBe(4);
    expect(await backends.filter({ hasText: 'In use' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'system-backends.png'), fullPage: true });
    await page.getByText('Training backends').click();
  });

  it('renders every step with its real empty state, in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const { route, heading, empty } of PAGES) {
        await visit(route);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.getByText(empty, { exact: true }).first().waitFor();
        expect(await page.locator('nav[aria-label="Wizard steps"] [aria-current]').getAttribute('href')).toBe(`#/${route}`);
        expect(await page.title()).toBe(`${heading} · Domain Studio`);
        await page.screenshot({ path: join(SHOTS, `${route}-${scheme}.png`), fullPage: true });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // A new workspace already holds the two bundled base models, none chosen yet, and a folder can still be registered.
    await visit('base-model');
    for (const name of ['tiny-bert', 'tiny-gpt']) {
      const choice = page.getByRole('radio', { name: `Use ${name}` });
      await choice.waitFor();
      expect(await choice.isChecked()).toBe(false);
    }
    expect(await page.getByText('No base model yet — register a model folder').count()).toBe(0);
    await page.getByRole('button', { name: 'Register another model' }).click();
    await page.getByRole('textbox', { name: 'Model folder' }).waitFor();
    // Steps that need something link back to where it comes from.
    await visit('strategy');
    expect(await page.getByRole('link', { name: 'Choose one in step 1' }).getAttribute('href')).toBe('#/corpus');
    expect(await page.getByRole('button', { name: 'Start training' }).isDisabled()).toBe(true);
  });

  it('moves between steps with the keyboard alone', async () => {
    await visit('corpus');
    await page.getByRole('heading', { level: 1, name: 'Corpus' }).waitFor();
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    // Tab from the top of the page reaches the current step within a few presses.
    let focused = '';
    for (let presses = 0; presses < 6 && focused !== '#/corpus'; presses++) {
      await page.keyboard.press('Tab');
      focused = (await focusedHref()) ?? '';
    }
    expect(focused).toBe('#/corpus');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedHref()).toBe('#/strategy');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Strategy' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/strategy');
    // Focus moved to the new page's heading, so a screen reader announces it.
    await expect.poll(() => page.locator(':focus').textContent()).toBe('Strategy');
    await page.screenshot({ path: join(SHOTS, 'keyboard-focus.png') });
    // The focus ring is visible on a keyboard-focused step link.
    await page.focus('nav a[aria-current]');
    await page.keyboard.press('End');
    expect(await focusedHref()).toBe('#/experiments');
    const ring = await page.evaluate<string>('getComputedStyle(document.activeElement).boxShadow');
    expect(ring).not.toBe('none');
    await page.screenshot({ path: join(SHOTS, 'keyboard-focus-ring.png') });
  });

  it('switches between light and dark from the header, whatever the system setting', async () => {
    await visit('corpus');
    const background = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    const systemLight = await background();
    await page.getByRole('button', { name: /Theme: system/ }).click(); // → light
    await page.getByRole('button', { name: /Theme: light/ }).click(); // → dark
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await expect.poll(background).not.toBe(systemLight);
    const dark = await background();
    await page.setViewportSize({ width: 700, height: 900 });
    await page.screenshot({ path: join(SHOTS, 'narrow-dark.png'), fullPage: true });
    await page.setViewportSize({ width: 1360, height: 900 });
    // The choice survives a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Corpus' }).waitFor();
    await expect.poll(background).toBe(dark);
    await page.getByRole('button', { name: /Theme: dark/ }).click(); // → back to system
    expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
    await expect.poll(background).toBe(systemLight);
  });

  it('runs the workspace check from the UI and shows its result', async () => {
    await visit('corpus');
    await page.getByRole('button', { name: 'Check workspace' }).click();
    const job = page.getByTestId('job').first();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    const text = (await job.textContent()) ?? '';
    expect(text).toContain('Workspace check');
    expect(text).toMatch(/\d+ files?, .*database healthy\. Fingerprint [0-9a-f]{12}…/);
    // It got there through the live event stream: progress, then the end.
    expect(frames).toContain('job.progress');
    expect(frames).toContain('job.finished');
    expect(frames.filter((name) => name !== 'job.progress' && name !== 'job.finished')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'workspace-check-done.png'), fullPage: true });
    // The job is in the store: a fresh page load lists it too.
    await page.reload();
    await expect.poll(() => page.getByTestId('job').first().getAttribute('data-status')).toBe('succeeded');
  });

  it('refuses API calls without the token (401) and from a foreign origin (403)', async () => {
    const api = `${server.origin}/api/app.info`;
    const json = { 'content-type': 'application/json' };
    const anonymous = await fetch(api, { method: 'POST', headers: json, body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const wrong = await fetch(api, { method: 'POST', headers: { ...json, 'x-studio-token': 'not-the-token' }, body: '{}' });
    expect(wrong.status).toBe(401);

    const foreign = await fetch(api, {
      method: 'POST',
      headers: { ...json, 'x-studio-token': server.token, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'forbidden_origin' } });

    const allowed = await fetch(api, { method: 'POST', headers: { ...json, 'x-studio-token': server.token }, body: '{}' });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ ok: true, value: { workspace: server.workspace, mode: 'serve' } });

    // The event stream applies the same rule to a page from another origin.
    const wsUrl = `${server.origin.replace('http', 'ws')}/events?token=${server.token}`;
    const status = await new Promise<number>((done) => {
      const socket = new WebSocket(wsUrl, { origin: 'http://evil.example' });
      socket.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
      socket.on('open', () => {
        socket.close();
        done(101);
      });
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);

    // A browser opening the server without the token's URL gets nothing but the refusal.
    const bare = await browser.context.newPage();
    bare.on('request', (request) => requested.push(request.url()));
    const response = await bare.goto(`${server.origin}/`);
    expect(response?.status()).toBe(401);
    await bare.close();
  });

  it('made no request to any host but the loopback server, and logged no errors', () => {
    expect(requested.length).toBeGreaterThan(5);
    const foreign = requested.filter((url) => {
      if (url.startsWith('data:')) return false;
      const origin = new URL(url).origin.replace(/^ws/, 'http');
      return origin !== server.origin;
    });
    expect(foreign).toEqual([]);
    expect(requested.some((url) => url.startsWith(`${server.origin.replace('http', 'ws')}/events`))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('tells the user when the server goes away', async () => {
    await visit('corpus');
    await server.stop();
    await page.getByText('Live updates paused — reconnecting').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, 'server-gone.png') });
  });
});
