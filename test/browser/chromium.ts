import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/**
 * Headless Chromium driven over the Chrome DevTools Protocol (its --remote-debugging-port), with the
 * `ws` package as the WebSocket client: enough to open a page, read its console, run script in it,
 * type, and take a screenshot. The browser is Debian's `chromium` (CHROMIUM_PATH overrides it);
 * `.ci/run` installs it where it is missing.
 */

export interface ConsoleEntry {
  source: string;
  text: string;
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { message: string };
}

/** The browser executable, or a clear error saying how to install it. */
export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH ?? 'chromium';
  const found = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error(`Chromium not found (tried "${candidate}"): install it with "apt-get install -y chromium" or set CHROMIUM_PATH`);
  }
  return candidate;
}

/** One page of a headless Chromium, with its console errors collected from the moment it opens. */
export class BrowserPage {
  /** Console errors, uncaught exceptions and failed loads the page reported. */
  readonly errors: ConsoleEntry[] = [];
  private nextId = 0;
  private readonly pending = new Map<number, { done(result: any): void; fail(error: Error): void }>();

  private constructor(
    private readonly socket: WebSocket,
    private readonly browser: ChildProcess,
    private readonly profileDir: string,
  ) {
    socket.on('message', (data) => this.receive(JSON.parse(data.toString()) as CdpMessage));
  }

  static async launch(): Promise<BrowserPage> {
    const executable = chromiumPath();
    const profileDir = mkdtempSync(join(tmpdir(), 'contactbook-chromium-'));
    const browser = spawn(
      executable,
      [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--remote-debugging-port=0',
        `--user-data-dir=${profileDir}`,
        '--window-size=1280,2000',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    try {
      const socket = await connectToPage(browser);
      const page = new BrowserPage(socket, browser, profileDir);
      await Promise.all(['Page.enable', 'Runtime.enable', 'Log.enable'].map((method) => page.send(method)));
      return page;
    } catch (error) {
      browser.kill('SIGKILL');
      rmSync(profileDir, { recursive: true, force: true });
      throw error;
    }
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<any> {
    const id = ++this.nextId;
    return new Promise((done, fail) => {
      this.pending.set(id, { done, fail });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  private receive(message: CdpMessage): void {
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.fail(new Error(message.error.message));
      else waiting?.done(message.result);
      return;
    }
    if (message.method === 'Runtime.consoleAPICalled' && message.params.type === 'error') {
      this.errors.push({ source: 'console', text: message.params.args.map((arg: any) => arg.value ?? arg.description).join(' ') });
    } else if (message.method === 'Runtime.exceptionThrown') {
      const details = message.params.exceptionDetails;
      this.errors.push({ source: 'exception', text: details.exception?.description ?? details.text });
    } else if (message.method === 'Log.entryAdded' && message.params.entry.level === 'error') {
      this.errors.push({ source: message.params.entry.source, text: `${message.params.entry.text} ${message.params.entry.url ?? ''}` });
    }
  }

  /** Opens `url` and waits for its load event. */
  async open(url: string): Promise<void> {
    const loaded = new Promise<void>((done) => {
      const onMessage = (data: WebSocket.RawData) => {
        if ((JSON.parse(data.toString()) as CdpMessage).method === 'Page.loadEventFired') {
          this.socket.off('message', onMessage);
          done();
        }
      };
      this.socket.on('message', onMessage);
    });
    await this.send('Page.navigate', { url });
    await loaded;
  }

  /** Runs `expression` in the page and returns its (JSON) value; a thrown error fails the call. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }

  /** Waits until `expression` is truthy in the page, polling every 100 ms, and returns its value. */
  async waitFor<T>(expression: string, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate<T>(expression);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  /** Types `text` into the element `element` (a script) finds, as a user would: focus, then key input. */
  async type(element: string, text: string): Promise<void> {
    await this.evaluate(`(${element}).focus()`);
    await this.send('Input.insertText', { text });
  }

  async screenshot(): Promise<Buffer> {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
    return Buffer.from(data as string, 'base64');
  }

  async close(): Promise<void> {
    this.socket.close();
    if (this.browser.exitCode === null) {
      const exited = new Promise((done) => this.browser.once('exit', done));
      this.browser.kill('SIGTERM');
      await exited;
    }
    // Chromium's helper processes may still write to the profile for a moment after the browser exits.
    rmSync(this.profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

/** Waits for the browser's DevTools port and opens a WebSocket to its first page. */
async function connectToPage(browser: ChildProcess): Promise<WebSocket> {
  const port = await new Promise<number>((done, fail) => {
    let stderr = '';
    browser.once('error', fail);
    browser.once('exit', (code) => fail(new Error(`chromium exited (${code}) before it listened:\n${stderr}`)));
    browser.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
      if (match) done(Number(match[1]));
    });
  });
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
    type: string;
    webSocketDebuggerUrl: string;
  }>;
  const target = targets.find((candidate) => candidate.type === 'page');
  if (!target) throw new Error('chromium opened no page');
  const socket = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false });
  await new Promise<void>((done, fail) => {
    socket.once('open', () => done());
    socket.once('error', fail);
  });
  return socket;
}
