// The sourcing report in a real browser: headless Chromium (Debian's, as the VS Code suites use) opens the page the
// CLI writes, in light and dark, with no console error, no request beyond the file itself, and its charts drawn.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CLI = join(process.cwd(), 'dist/cli.js');

describe('sourcing report in headless Chromium', function () {
  this.timeout(120000);
  let dir: string;
  let page: string;

  before(function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      (skipped: ${CHROMIUM} not found; .ci/run installs Debian's chromium)`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'seed-report-'));
    page = join(dir, 'report.html');
    const r = spawnSync(process.execPath, [CLI, 'report', '--output', page, 'samples', 'test/fixtures/sources'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  for (const scheme of ['light', 'dark'] as const) {
    it(`opens in ${scheme} with no console error, no network request and its charts drawn`, async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      try {
        const tab = await browser.newPage({ colorScheme: scheme, viewport: { width: 1100, height: 900 } });
        const errors: string[] = [];
        const requests: string[] = [];
        tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        tab.on('pageerror', (e) => errors.push(String(e)));
        tab.on('request', (r) => requests.push(r.url()));
        const url = pathToFileURL(page).href;
        await tab.goto(url, { waitUntil: 'load' });
        assert.deepEqual(errors, []);
        assert.deepEqual(requests, [url]);
        const charts = await tab.$$eval('svg.chart', (svgs) => svgs.map((s) => ({ label: s.getAttribute('aria-label'), width: s.getBoundingClientRect().width, bars: s.querySelectorAll('rect.bar').length })));
        assert.deepEqual(
          charts.map((c) => c.label),
          ['Quotes by attribution', 'Top sources by quotes and claims', 'Claims by type', 'Claims by check-worthiness score'],
        );
        for (const c of charts) assert.ok(c.width > 100 && c.bars > 0, JSON.stringify(c));
        // The page follows the colour scheme: light text on dark, dark text on light.
        // (Evaluated in the page, as text: this file is typed for Node, without the DOM's types.)
        const luminance = await tab.evaluate<{ fg: number; bg: number }>(`(() => {
          const lum = (css) => {
            const [r, g, b] = (css.match(/\\d+(\\.\\d+)?/g) ?? ['0', '0', '0']).map(Number);
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const style = getComputedStyle(document.body);
          return { fg: lum(style.color), bg: lum(style.backgroundColor) };
        })()`);
        if (scheme === 'dark') assert.ok(luminance.bg < 60 && luminance.fg > 180, JSON.stringify(luminance));
        else assert.ok(luminance.bg > 200 && luminance.fg < 80, JSON.stringify(luminance));
        // Every in-page link has its target.
        const missing = await tab.evaluate(`[...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href').slice(1)).filter((id) => !document.getElementById(id))`);
        assert.deepEqual(missing, []);
      } finally {
        await browser.close();
      }
    });
  }

  it('names the sources of the fixtures, with the same quote given to two speakers', () => {
    const html = readFileSync(page, 'utf8');
    assert.match(html, /data-source="named:vladimir putin">Vladimir Putin</);
    assert.match(html, /<section id="same-quotes">.*Dmitry Peskov.*a NATO official/s);
  });
});
