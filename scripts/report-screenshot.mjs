#!/usr/bin/env node
// Writes docs/report.png: the sourcing report (`seed-annotator report`) of the sample articles and the Sources test
// fixtures, in headless Chromium (Debian's, as the tests use). The repository's own articles only: the text of the
// ../shared corpora never enters the repository, and a screenshot would carry it.
//   node esbuild.mjs && node scripts/report-screenshot.mjs [--dark]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const dark = process.argv.includes('--dark');
const dir = mkdtempSync(join(tmpdir(), 'seed-report-shot-'));
const page = join(dir, 'report.html');
const r = spawnSync(process.execPath, ['dist/cli.js', 'report', '--title', 'Sourcing report: samples and fixtures', '--output', page, 'samples', 'test/fixtures/sources'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const tab = await browser.newPage({ colorScheme: dark ? 'dark' : 'light', viewport: { width: 1000, height: 1250 }, deviceScaleFactor: 1 });
  await tab.goto(pathToFileURL(page).href);
  const out = dark ? 'docs/report-dark.png' : 'docs/report.png';
  await tab.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
