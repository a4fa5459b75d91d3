// The background passes' shared scan loop (src/extension/analysis/scanScheduler.ts: a burst of requests is one scan,
// a request during a scan runs one more, a failure does not stop later scans) and what Analyze Workspace says at the
// end (src/extension/diagnostics/workspacePass.ts): nothing to do, binary files only, cancelled, done; and what the
// Sources view says above its list (src/extension/sources/messages.ts) for an empty folder or one of binary files.
import assert from 'node:assert/strict';
import { ScanScheduler } from '../../src/extension/analysis/scanScheduler';
import { describeWorkspacePass, emptySummary } from '../../src/extension/diagnostics/workspacePass';
import { sourcesViewMessage } from '../../src/extension/sources/messages';
import { analyze, digestArticle, emptyResult } from '../../src/core';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ScanScheduler', () => {
  it('runs a burst of scheduled requests as one scan, and a request during a scan once more after it', async () => {
    let scans = 0;
    let settled = 0;
    let release: (() => void) | undefined;
    const scheduler = new ScanScheduler(
      () => {
        scans++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      (error) => assert.fail(String(error)),
      () => settled++,
    );
    for (let i = 0; i < 5; i++) scheduler.schedule(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(scans, 1);
    assert.ok(scheduler.isScanning);
    scheduler.run();
    scheduler.run();
    release!();
    await turn();
    await turn();
    assert.equal(scans, 2, 'the requests during the first scan ran one more');
    release!();
    await scheduler.settled();
    assert.equal(scans, 2);
    assert.equal(settled, 1, 'settled once, after the last scan of the run');
    assert.ok(scheduler.isReady);
    scheduler.dispose();
  });

  it('starts the first scan when asked to settle, logs a failure and scans again later', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let scans = 0;
    const scheduler = new ScanScheduler(
      () => {
        scans++;
        return fail ? Promise.reject(new Error('disk gone')) : Promise.resolve();
      },
      (error) => errors.push(error),
    );
    assert.equal(scheduler.isReady, false);
    await scheduler.settled();
    assert.equal(scans, 1);
    assert.equal((errors[0] as Error).message, 'disk gone');
    assert.ok(scheduler.isReady, 'a failed scan still ends the wait');
    await scheduler.settled();
    assert.equal(scans, 1, 'settled() does not scan again once one ran');
    fail = false;
    scheduler.run();
    await scheduler.settled();
    assert.equal(scans, 2);
    scheduler.dispose();
    scheduler.run();
    assert.equal(scheduler.isScanning, false, 'nothing runs after dispose');
  });
});

describe('What Analyze Workspace says', () => {
  it('says there is nothing to do in a folder without articles, and what an article is', () => {
    const text = describeWorkspacePass(emptySummary());
    assert.match(text, /no seed articles/);
    assert.match(text, /000_9cf2cc5815d08829\.txt/);
    assert.match(text, /include and exclude/);
  });

  it('says none could be analysed in a folder of binary files', () => {
    const text = describeWorkspacePass({ ...emptySummary(), articles: 3, done: 3, binary: 3 });
    assert.equal(text, 'none of the 3 files could be analysed: they look binary.');
    assert.equal(describeWorkspacePass({ ...emptySummary(), articles: 3, done: 3, binary: 2, tooLarge: 1 }), 'none of the 3 files could be analysed: 2 look binary, 1 is over 5 MB.');
  });

  it('counts problems, articles and skipped files when done, and what was done when cancelled', () => {
    assert.equal(describeWorkspacePass({ ...emptySummary(), articles: 12, done: 12, binary: 1, tooLarge: 1, problems: 7, withProblems: 3 }), 'analysed 10 articles: 7 problems in 3 articles. Skipped 1 file that looks binary and 1 file over 5 MB.');
    assert.equal(describeWorkspacePass({ ...emptySummary(), articles: 1, done: 1 }), 'analysed 1 article: no problems.');
    assert.equal(describeWorkspacePass({ ...emptySummary(), articles: 40, done: 12, problems: 1, withProblems: 1, cancelled: true }), 'Analyze Workspace stopped after 12 of 40 articles: 1 problem so far, in the Problems panel.');
  });
});

describe('What the Sources view says', () => {
  const binary = (path: string) => digestArticle(path, '', emptyResult(0, ['skipped: looks like a binary file']));
  const article = (path: string) => digestArticle(path, 'Talks resumed.', analyze('Talks resumed.'));

  it('says there is no article in an empty folder, and nothing while it reads', () => {
    assert.match(sourcesViewMessage([], true)!, /no seed articles in this workspace/);
    assert.equal(sourcesViewMessage([], false), undefined);
  });

  it('says why a folder of binary files has no source, and how many were left out of a mixed one', () => {
    assert.equal(sourcesViewMessage([binary('a.txt'), binary('b.txt')], true), 'None of the 2 files could be read for sources: they look binary.');
    assert.equal(sourcesViewMessage([binary('a.txt'), article('b.txt'), article('c.txt')], true), '1 file of 3 left out: it looks binary.');
    assert.equal(sourcesViewMessage([article('b.txt')], true), undefined);
  });
});
