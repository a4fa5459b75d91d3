// Fault test: typing in one article while a 1.5 MB and a 20 MB article sit in the folder. The longest stall of the
// extension host, measured here (the suite runs in it), stays under 100 ms: the claims pass sends the 1.5 MB
// article to the analysis pool instead of analysing it on the host, the 20 MB one is over the live limit, and results
// come back in parts. The big articles are written at test time into tmp-stall/ (git-ignored) and deleted after.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as vscode from 'vscode';
import type { SeedAnnotatorApi } from '../../../src/extension/extension';
import { article, busiest, describeStalls, heldMs, startStallProbe, type Stall } from '../../stallProbe';
import { diagnosticsWhen, ruleOf, until, workspaceUri } from './helpers';

const TYPED = 'Ferry strike ends\n\nQueues formed at the northern pier before dawn.\n“The boats sail again tomorrow.”\n';
const SAID = ' the harbour master said.';
const LIMIT_MS = 100;

/** Load average per core above which stalls measure the machine's load rather than the extension. */
const OVERLOADED = 2;

/** Writes an article of about `bytes` in 64 KB chunks (no 20 MB string in the extension host's heap). */
async function writeArticle(path: string, bytes: number): Promise<void> {
  const chunk = Buffer.from(article(64 * 1024).replace(/^Head\n/, ''));
  const file = await fs.open(path, 'w');
  try {
    await file.write('Head\n');
    for (let written = 0; written < bytes; written += chunk.length) await file.write(chunk);
  } finally {
    await file.close();
  }
}

describe('Stalls in VS Code', function () {
  this.timeout(300_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(workspaceUri('tmp-stall').fsPath, { recursive: true, force: true });
  });

  it(`types in one article while a 1.5 MB and a 20 MB article sit in the folder, with no host stall over ${LIMIT_MS} ms`, async function () {
    const api = await vscode.extensions.getExtension<SeedAnnotatorApi>('seed-annotator.seed-annotator')!.activate();
    await api.claims.ready();
    const big = workspaceUri('tmp-stall', '410_1500000000000000.txt');
    const huge = workspaceUri('tmp-stall', '411_2000000000000000.txt');
    const typed = workspaceUri('tmp-stall', '412_1234567890abcdef.txt');
    await fs.mkdir(workspaceUri('tmp-stall').fsPath, { recursive: true });
    await fs.writeFile(typed.fsPath, TYPED);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(typed));
    await diagnosticsWhen(typed, (ds) => ds.some((d) => ruleOf(d) === 'unattributed-quote'), 'the warning before typing');

    const monitor = startStallProbe('typing-beside-big-articles', { busy: true });
    let worst: Stall[];
    try {
      await Promise.all([writeArticle(big.fsPath, 1_500_000), writeArticle(huge.fsPath, 20_000_000)]);
      // Type the attribution one character at a time, as a person would (each edit waits for the last to apply).
      const quoteEnd = new vscode.Position(3, '“The boats sail again tomorrow.'.length);
      await editor.edit((b) => b.replace(new vscode.Range(quoteEnd.translate(0, -1), quoteEnd), ','));
      let at = quoteEnd.translate(0, 1);
      for (const ch of SAID) {
        await editor.edit((b) => b.insert(at, ch));
        at = at.translate(0, 1);
      }
      await diagnosticsWhen(typed, (ds) => !ds.some((d) => ruleOf(d) === 'unattributed-quote'), 'the warning to go after typing', 120_000);
      // The background pass has read the 1.5 MB article's claims (in the pool) and left the 20 MB one out.
      await until(api.claims.store.onDidChange, () => (api.claims.store.article(big)?.claims.length ?? 0) > 1000, 'the 1.5 MB article’s claims', 240_000, () => `${api.claims.store.articleCount} articles`);
    } finally {
      worst = monitor.stop();
    }
    const load = loadavg()[0];
    console.log(`      longest extension host stalls: ${describeStalls(worst)} (load average ${load.toFixed(1)} on ${cpus().length} cores)`);
    assert.equal(api.claims.store.article(huge), undefined, 'the 20 MB article is over the live limit: not read in the background');
    // What the extension holds the host for is the time it runs without a break; a gap it spent idle or waiting for a
    // core is the machine's (on 2 cores beside code-server, Chromium and the analysis pool, 100 ms and more). The
    // probe's busy time (the thread's CPU time, from Linux) tells them apart, at any load. Where it is not known, a
    // gap counts whole, and then only a machine with room says anything about the extension.
    if (worst[0].busyMs === undefined && load > OVERLOADED * cpus().length) {
      console.log(`      not checked: no thread CPU time here, and load average ${load.toFixed(1)} is over ${OVERLOADED}× the ${cpus().length} cores`);
      this.skip();
    }
    const held = busiest(worst);
    assert.ok(heldMs(held) < LIMIT_MS, `the extension host ran ${heldMs(held).toFixed(0)} ms without a break (in a ${held.ms.toFixed(0)} ms gap at ${(held.at / 1000).toFixed(1)} s)`);
  });
});
