// Real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; never a downloaded browser) loads the ESM bundle, restores
// a snapshot, calls exports and checks the results.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { pkgDir, smokeSnapshot } from './helpers.js';

const executablePath = process.env.MVTK_CHROMIUM ?? '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let server: Server;
let base = '';
let browser: Browser;

beforeAll(async () => {
  const snapshot = smokeSnapshot();
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>mvtk</title>');
    } else if (url === '/smoke.mvm-bc') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(snapshot);
    } else if (url === '/dist/index.js' || url === '/dist/microvium.wasm') {
      const type = url.endsWith('.js') ? 'text/javascript' : 'application/wasm';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(join(pkgDir, url)));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, headless: true, args: flags });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const pageScript = `(async () => {
  const { Microvium } = await import('/dist/index.js');
  const bytes = new Uint8Array(await (await fetch('/smoke.mvm-bc')).arrayBuffer());
  const vm = await Microvium.restore(bytes, { 1: (a, b) => a + b });
  const sync = Microvium.restoreSync(bytes, { 1: (a, b) => Promise.resolve(a + b) });
  const module = await WebAssembly.compileStreaming(fetch('/dist/microvium.wasm'));
  const pre = await Microvium.restore(bytes, { 1: (a, b) => a * b }, { module });
  const out = {
    add: vm.exports[1](2, 3),
    viaHost: vm.exports[2](20, 1),
    asyncResult: await sync.exports[3](10),
    object: JSON.stringify(vm.exports[4]()),
    precompiled: pre.exports[2](6, 7),
    userAgent: navigator.userAgent,
  };
  vm.dispose();
  sync.dispose();
  pre.dispose();
  return out;
})()`;

describe.skipIf(!existsSync(executablePath))('headless Chromium', () => {
  it('loads the ESM bundle, restores a snapshot and calls exports', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/`);
    // A string, so the test runner does not rewrite the page's import().
    const result = (await page.evaluate(pageScript)) as Record<string, unknown>;
    expect(errors).toEqual([]);
    expect(result).toMatchObject({
      add: 5,
      viaHost: 42,
      asyncResult: 'async 11',
      object: '{"list":[1,2,3],"text":"héllo"}',
      precompiled: 84,
    });
    expect(result.userAgent as string).toMatch(/HeadlessChrome|Chrome/);
    await page.close();
  });
});
