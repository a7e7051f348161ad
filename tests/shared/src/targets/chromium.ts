/**
 * The `wasm-chromium` target: runtime-wasm's browser bundle in real headless
 * Chromium (Debian's chromium, driven by playwright-core; never a downloaded
 * browser). A local HTTP server serves an empty page, the runtime's ESM bundle
 * (packages/runtime-wasm/dist/index.js, wasm inlined) and the page side of
 * this target (chromium-page.ts, which runs runtime.ts's transcript logic).
 * Each scenario is one `page.evaluate`; a crashed page fails that run and the
 * next run opens a fresh page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Step } from '../format.js';
import { packageDir } from '../paths.js';
import { TargetInfrastructureError, type RunResult, type Target } from '../target.js';
import type { PageRunResult } from './chromium-page.js';
import { TargetCrashedError } from './isolated.js';

/** The browser: Debian's package, or MVTK_CHROMIUM. */
export function chromiumExecutable(): string {
  return process.env.MVTK_CHROMIUM ?? '/usr/bin/chromium';
}

/** Flags for a quiet, offline headless run as root in a container. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** The page side, bundled for the browser at build time (tsup.config.ts). */
export const pageBundle = join(packageDir, 'dist', 'browser', 'suite-page.js');

/** runtime-wasm's ESM browser bundle. */
export function runtimeWasmBundle(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@mvtk/runtime-wasm/package.json')), 'dist', 'index.js');
}

/** Why wasm-chromium cannot run here, or undefined. */
export async function chromiumUnavailable(): Promise<string | undefined> {
  const exe = chromiumExecutable();
  if (!existsSync(exe)) return `no Chromium at ${exe} (apt install chromium, or set MVTK_CHROMIUM)`;
  try {
    await import('playwright-core');
  } catch (error) {
    return `playwright-core does not load: ${(error as Error).message.split('\n')[0]}`;
  }
  if (!existsSync(pageBundle)) return `${pageBundle} is missing (build @mvtk/shared-suite)`;
  let runtime: string;
  try {
    runtime = runtimeWasmBundle();
  } catch (error) {
    return `@mvtk/runtime-wasm is not installed: ${(error as Error).message.split('\n')[0]}`;
  }
  if (!existsSync(runtime)) return `${runtime} is missing (build @mvtk/runtime-wasm)`;
  return undefined;
}

export interface ChromiumTargetOptions {
  name?: string;
  executablePath?: string;
  /** Per scenario (default 60 s). */
  timeoutMs?: number;
}

export interface ChromiumTarget extends Target {
  /** The page's `navigator.userAgent`, once the page has loaded (shows the browser really ran). */
  readonly userAgent: string | undefined;
}

/** Launches Chromium and serves the page; the target's runs happen there. */
export async function chromiumTarget(options: ChromiumTargetOptions = {}): Promise<ChromiumTarget> {
  const name = options.name ?? 'wasm-chromium';
  const timeoutMs = options.timeoutMs ?? 60_000;
  const files: Record<string, { type: string; body: Buffer }> = {
    '/': { type: 'text/html', body: Buffer.from('<!doctype html><meta charset="utf-8"><title>mvtk shared suite</title>') },
    '/suite-page.js': { type: 'text/javascript', body: readFileSync(pageBundle) },
    '/runtime-wasm.js': { type: 'text/javascript', body: readFileSync(runtimeWasmBundle()) },
  };
  const server: Server = createServer((req, res) => {
    const file = files[req.url ?? '/'];
    if (file) res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));

  const { chromium } = await import('playwright-core');
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: options.executablePath ?? chromiumExecutable(),
      headless: true,
      args: chromiumFlags,
    });
  } catch (error) {
    await closeServer();
    throw new TargetInfrastructureError(name, `cannot launch Chromium: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }

  let page: Page | undefined;
  let opening: Promise<Page> | undefined;
  let pageErrors: string[] = [];
  let userAgent: string | undefined;
  /** Pages whose renderer process died. */
  const crashed = new WeakSet<Page>();

  const loadPage = async (): Promise<Page> => {
    if (page && !page.isClosed()) await page.close().catch(() => {});
    page = undefined;
    pageErrors = [];
    const p = await browser.newPage();
    p.on('crash', () => crashed.add(p));
    p.on('pageerror', (e) => pageErrors.push(String(e)));
    await p.goto(`${base}/`);
    // A string, so no bundler or test runner rewrites the page's import().
    userAgent = await p.evaluate<string>(
      `(async () => {
        const suite = await import('/suite-page.js');
        globalThis.__mvtkSuite = suite;
        return suite.start('/runtime-wasm.js', ${JSON.stringify(name)});
      })()`,
    );
    page = p;
    return p;
  };
  // One page at a time, even if runs overlap (the hil orchestrator may overlap them).
  const openPage = (): Promise<Page> => {
    if (page && !page.isClosed() && !crashed.has(page)) return Promise.resolve(page);
    opening ??= loadPage().finally(() => {
      opening = undefined;
    });
    return opening;
  };

  return {
    name,
    get userAgent() {
      return userAgent;
    },
    async run(snapshot: Uint8Array, steps: readonly Step[]): Promise<RunResult> {
      if (!browser.isConnected()) throw new TargetInfrastructureError(name, 'Chromium is no longer running');
      let p: Page;
      try {
        p = await openPage();
      } catch (error) {
        throw new TargetInfrastructureError(name, `cannot load the page: ${(error as Error).message.split('\n')[0]}${pageErrors.length ? ` (${pageErrors.join('; ')})` : ''}`, { cause: error });
      }
      // Steps go as `unknown`: playwright's types recurse without end on PlainValue.
      const arg: [string, unknown] = [Buffer.from(snapshot).toString('base64'), [...steps]];
      const call: Promise<PageRunResult> = p.evaluate(
        ([bytes, s]) => (globalThis as unknown as { __mvtkSuite: { run(b: string, s: unknown): Promise<PageRunResult> } }).__mvtkSuite.run(bytes, s),
        arg,
      );
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TargetInfrastructureError(name, `no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      let result: PageRunResult;
      try {
        result = await Promise.race([call, timeout]);
      } catch (error) {
        call.catch(() => {});
        if (crashed.has(p)) {
          if (page === p) page = undefined;
          throw new TargetCrashedError(`${name}: the page crashed while running the scenario`);
        }
        // A timeout (or a lost page): the next run starts on a fresh page.
        await p.close().catch(() => {});
        if (page === p) page = undefined;
        if (error instanceof TargetInfrastructureError) throw error;
        throw new TargetInfrastructureError(name, `the page failed: ${(error as Error).message.split('\n')[0]}`, { cause: error });
      } finally {
        clearTimeout(timer);
      }
      if (result.error !== undefined) {
        // The page's TargetInfrastructureError already names the target.
        const message = result.error.startsWith(`${name}: `) ? result.error.slice(name.length + 2) : result.error;
        throw result.infrastructure ? new TargetInfrastructureError(name, message) : new Error(result.error);
      }
      return {
        transcript: result.transcript ?? [],
        snapshots: (result.snapshots ?? []).map((s) => new Uint8Array(Buffer.from(s, 'base64'))),
      };
    },
    async close() {
      await browser.close().catch(() => {});
      await closeServer();
    },
  };
}
