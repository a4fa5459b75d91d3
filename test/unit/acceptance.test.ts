// The sample articles against ../shared/gold/seeds.json, through the CLI's JSON and the gold checker.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const shared = resolve(process.cwd(), '../shared');
const seeds = join(shared, 'seeds');
const checker = join(shared, 'tools/check-gold.py');
/** Parts of the gold that this release covers (duplicates and claims come with their own issues). */
const COVERED = process.env.SEED_GOLD_PARTS ?? 'quotes,boilerplate,duplicates,claims';

describe('acceptance: sample articles against the gold', function () {
  this.timeout(60_000);
  before(function () {
    if (!existsSync(seeds) || !existsSync(checker)) {
      console.log(`    (skipped: ${seeds} or ${checker} not found; the shared sample data is not on this machine)`);
      this.skip();
    }
  });

  it(`classifies every quote and boilerplate line as the gold says (${COVERED})`, () => {
    const cli = spawnSync(process.execPath, ['dist/cli.js', 'analyze', '--format', 'json', seeds], { encoding: 'utf8' });
    assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
    const out = join(mkdtempSync(join(tmpdir(), 'seed-gold-')), 'seeds.json');
    writeFileSync(out, cli.stdout);
    const check = spawnSync('python3', [checker, out, '--only', COVERED], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /gold: (\d+)\/\1 passed/);
  });
});
