/**
 * The Sources page with 500 sources must render in ≤ 200 ms (issue 5). The
 * real SourceList is built with Vite into one script, loaded into headless
 * Chromium (Debian's, through playwright-core), and mounted over and over;
 * each sample is timed inside the page from mount to a forced layout.
 * `npm run bench` prints vitest's table (which adds the CDP round trip) and
 * the in-page figures; docs/BENCHMARKS.md ("Web") records them.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { closeBrowser, launchBrowser } from '../e2e/support/browser';

const SOURCES = 500;
const BUDGET_MS = 200;
const configFile = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));
const entry = fileURLToPath(new URL('../../web/src/bench/renderSources.ts', import.meta.url));

let browser: Browser | undefined;
let page: Page;
let outDir: string;
const inPage: number[] = [];
const mountOnly: number[] = [];

async function buildHarness(): Promise<{ script: string; style: string }> {
  outDir = await mkdtemp(path.join(tmpdir(), 'vtrack-web-bench-'));
  await build({
    configFile,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, lib: { entry, formats: ['iife'], name: 'vtrackBench', fileName: () => 'bench.js' } },
  });
  const files = await readdir(outDir);
  const css = files.find((file) => file.endsWith('.css'));
  return {
    script: await readFile(path.join(outDir, 'bench.js'), 'utf8'),
    style: css ? await readFile(path.join(outDir, css), 'utf8') : '',
  };
}

beforeAll(async () => {
  const [harness, launched] = await Promise.all([buildHarness(), launchBrowser()]);
  browser = launched;
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent('<!doctype html><html><head></head><body></body></html>');
  await page.addStyleTag({ content: harness.style });
  await page.addScriptTag({ content: harness.script });
  // Warm up: the first mounts compile the code.
  for (let index = 0; index < 5; index += 1) await page.evaluate(`renderSources(${SOURCES})`);
}, 120_000);

afterAll(async () => {
  const sorted = [...inPage].sort((a, b) => a - b);
  const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN).toFixed(1);
  const mounts = [...mountOnly].sort((a, b) => a - b);
  if (sorted.length > 0) {
    console.log(
      `web: ${SOURCES} sources, in-page mount→layout over ${sorted.length} samples: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (budget ${BUDGET_MS} ms); of which mount alone median ${(mounts[Math.floor(mounts.length / 2)] ?? Number.NaN).toFixed(1)} ms`,
    );
  }
  await closeBrowser(browser);
  await rm(outDir, { recursive: true, force: true });
});

describe('Sources page', () => {
  bench(
    `render ${SOURCES} sources (mount → layout, headless Chromium)`,
    async () => {
      inPage.push(await page.evaluate<number>(`renderSources(${SOURCES})`));
      mountOnly.push(await page.evaluate<number>('mountMs'));
    },
    { iterations: 40, time: 0, warmupIterations: 0 },
  );
});
