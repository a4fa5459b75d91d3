// The analysis pool (src/extension/platform/analysisPool.ts) with its workers on this thread (the same protocol as
// the worker threads, analysisService.ts): results that arrive in parts are whole, newer runs supersede older ones,
// open articles go before the background pass; and the same-claim index filled in slices answers as when set at once.
import assert from 'node:assert/strict';
import { analyze, claimsToCsv, claimsToJson, plainClaim, SameClaimIndex, StoredClaim, type AnalysisResult, type Claim } from '../../src/core';
import { AnalysisPool, inThreadWorker } from '../../src/extension/platform/analysisPool';
import { CLAIM_PART_ITEMS, LastRun, PART_ITEMS, serveAnalysis, TEXT_PART_CHARS, type HostMessage, type WorkerMessage } from '../../src/extension/platform/analysisService';
import { CancelledError } from '../../src/extension/platform/types';
import { article } from '../stallProbe';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A pool of `size` in-thread workers that records every message a worker sent. */
function pool(size: number, sent: WorkerMessage[] = []) {
  const serve = (post: (m: WorkerMessage) => void) => serveAnalysis((m) => {
    sent.push(m);
    post(m);
  });
  return new AnalysisPool(inThreadWorker(serve, turn), size, turn);
}

/** A pool of one in-thread worker that records every message the host posted to it. */
function recordingPool(posted: HostMessage[]) {
  const spawn = inThreadWorker(serveAnalysis, turn);
  return new AnalysisPool((onMessage, onError) => {
    const port = spawn(onMessage, onError);
    return { post: (m) => (posted.push(m), port.post(m)), terminate: () => port.terminate() };
  }, 1, turn);
}

describe('analysis pool', function () {
  this.timeout(120_000);

  it('posts a large text in parts, one per turn, and the worker analyses it whole', async () => {
    const text = article(3 * TEXT_PART_CHARS + 1000);
    const posted: HostMessage[] = [];
    const p = recordingPool(posted);
    const result = await p.run({ key: 'a', text, options: {}, fields: ['quotes'], priority: 'open' });
    const parts = posted.filter((m) => m.type === 'text');
    assert.equal(parts.length, 3);
    assert.ok(parts.every((m) => m.part.length === TEXT_PART_CHARS));
    const request = posted.find((m) => m.type === 'analyze');
    assert.ok(request && request.text.length === text.length - 3 * TEXT_PART_CHARS, 'the rest of the text goes with the request');
    assert.deepEqual(result.quotes, analyze(text).quotes);
    p.dispose();
  });

  it('keeps the last run’s text parts with its request, so a replacement worker analyses the whole text', async () => {
    const text = article(2 * TEXT_PART_CHARS + 500);
    const posted: HostMessage[] = [];
    const p = recordingPool(posted);
    await p.run({ key: 'a', text: article(1_000), options: {}, fields: ['quotes'], priority: 'open' });
    await p.run({ key: 'a', text, options: {}, fields: ['quotes'], priority: 'open' });
    p.dispose();
    const lastRun = new LastRun();
    for (const m of posted) lastRun.note(m);
    assert.deepEqual(lastRun.all.map((m) => m.type), ['text', 'text', 'analyze'], 'the earlier run is forgotten');
    // Given again to a fresh worker on this thread, they make the same result as the whole text.
    const replies: WorkerMessage[] = [];
    const serve = serveAnalysis((m) => replies.push(m));
    for (const m of lastRun.all) serve(m);
    while (!replies.some((m) => m.type === 'part' && m.last)) serve({ type: 'next', id: lastRun.all[0].id });
    const quotes = replies.flatMap((m) => (m.type === 'part' && m.field === 'quotes' ? (m.items ?? []) : []));
    assert.deepEqual(quotes, analyze(text).quotes);
  });

  it('stops posting a large text’s parts when a newer run of the article arrives', async () => {
    const posted: HostMessage[] = [];
    const p = recordingPool(posted);
    const stale = p.run({ key: 'a', text: article(10 * TEXT_PART_CHARS), options: {}, priority: 'open' });
    await turn();
    const fresh = p.run({ key: 'a', text: article(5_000), options: {}, priority: 'open' });
    await assert.rejects(stale, CancelledError);
    assert.ok((await fresh).quotes.length > 10);
    assert.ok(posted.filter((m) => m.type === 'text').length < 10, 'the stale text was not sent whole');
    assert.equal(posted.filter((m) => m.type === 'analyze').length, 1, 'only the newer run was asked for');
    p.dispose();
  });

  it('sends a large result in parts, each asked for, and the parts make the whole result', async () => {
    const text = article(300_000);
    const sent: WorkerMessage[] = [];
    const p = pool(1, sent);
    const result = await p.run({ key: 'a', text, options: {}, priority: 'open' });
    const expected = analyze(text);
    assert.ok(expected.claims.length > 2 * PART_ITEMS, `${expected.claims.length} claims`);
    assert.ok(sent.length > 3, `${sent.length} parts`);
    assert.ok(sent.every((m) => m.type === 'part' && (m.items?.length ?? 0) <= (m.field === 'claims' ? CLAIM_PART_ITEMS : PART_ITEMS)));
    assert.deepEqual(result, expected);
    p.dispose();
  });

  it('sends back only the fields asked for', async () => {
    const text = article(20_000);
    const p = pool(1);
    const result = await p.run({ key: 'a', text, options: {}, fields: ['claims'], priority: 'background' });
    assert.deepEqual(result.claims, analyze(text).claims);
    assert.deepEqual([result.quotes, result.findings, result.tokens, result.paragraphs], [[], [], [], []]);
    p.dispose();
  });

  it('packs the claims when asked: each reads as the claim in full, exports the same, and keeps no array of its details', async () => {
    const text = article(20_000);
    const full = analyze(text).claims;
    const p = pool(1);
    const result = await p.run({ key: 'a', text, options: {}, fields: ['claims'], priority: 'background', packClaims: true });
    p.dispose();
    assert.equal(result.claims.length, full.length);
    assert.ok(result.claims.every((c) => c instanceof StoredClaim));
    // As JSON: a detail's absent field (a date's value) is a missing key after packing, as in any JSON output.
    const json = (claims: Claim[]) => JSON.parse(JSON.stringify(claims)) as unknown;
    assert.deepEqual(json(result.claims.map(plainClaim)), json(full));
    const withDetails = result.claims.findIndex((c, i) => full[i].dates.length && full[i].reasons.length);
    assert.ok(withDetails >= 0, 'a claim with dates and reasons to compare');
    const details = (c: Claim) => JSON.stringify([c.dates, c.reasons, c.cue]);
    assert.equal(details(result.claims[withDetails]), details(full[withDetails]));
    // Fields only: no array of spans, numbers or entities is kept per claim.
    assert.deepEqual(Object.values(result.claims[withDetails]).filter((v) => Array.isArray(v)), [result.claims[withDetails].types]);
    const rows = (claims: Claim[]) => claims.map((claim, i) => ({ path: 'a.txt', line: i + 1, claim }));
    assert.equal(claimsToJson(rows(result.claims)), claimsToJson(rows(full)));
    assert.equal(claimsToCsv(rows(result.claims)), claimsToCsv(rows(full)));
  });

  it('keeps a batch of packed claims whole: every text and detail reads back exactly, whatever its characters', () => {
    const texts = ['plain', 'café “quoted” − dash’s', 'emoji 😀 and a lone \ud800 surrogate \udfff', '', `${'long “text” é 😀 '.repeat(600)}end`];
    const packed = texts.map((text, i) => ({
      id: `c0000000${i}`,
      start: 10 * i,
      end: 10 * i + text.length,
      text,
      speaker: i % 2 ? { text: 'Ana Ortiz', start: 1, end: 10, kind: 'named' as const, confidence: 0.93 } : { text: 'the article', kind: 'author' as const },
      types: ['statement' as const],
      score: 0.1 * i + 0.005,
      details: JSON.stringify({ cue: null, hedges: [], numbers: [], dates: [], entities: [], reasons: [text.slice(0, 50), 'a short sentence (−0.09)'] }),
    }));
    const stored = StoredClaim.fromPacked(packed);
    stored.forEach((c, i) => {
      const p = packed[i];
      assert.deepEqual([c.id, c.start, c.end, c.text, c.speaker, c.types, c.score], [p.id, p.start, p.end, p.text, p.speaker, p.types, p.score], `claim ${i}`);
      assert.equal(JSON.stringify(c.unpackDetails()), p.details, `claim ${i}'s details`);
    });
    assert.equal(stored[0].speaker, stored[2].speaker, 'a speaker named nowhere in the text is shared');
  });

  it('cancels an older run of the same article, not another article’s', async () => {
    const p = pool(2);
    const stale = p.run({ key: 'a', text: article(50_000), options: {}, priority: 'open' });
    const other = p.run({ key: 'b', text: article(5_000), options: {}, priority: 'open' });
    const fresh = p.run({ key: 'a', text: article(5_000), options: {}, priority: 'open' });
    await assert.rejects(stale, CancelledError);
    assert.ok((await fresh).quotes.length > 10);
    assert.ok((await other).quotes.length > 10);
    p.dispose();
  });

  it('runs open articles before queued background work', async () => {
    const p = pool(1);
    const order: string[] = [];
    const track = (key: string, run: Promise<AnalysisResult>) => run.then(() => order.push(key));
    await Promise.all([
      track('background 1', p.run({ key: 'x', text: article(5_000), options: {}, priority: 'background' })),
      track('background 2', p.run({ key: 'y', text: article(5_000), options: {}, priority: 'background' })),
      track('open', p.run({ key: 'z', text: article(5_000), options: {}, priority: 'open' })),
    ]);
    assert.deepEqual(order, ['background 1', 'open', 'background 2']);
    p.dispose();
  });

  it('rejects every run when disposed', async () => {
    const p = pool(1);
    const running = p.run({ key: 'a', text: article(5_000), options: {}, priority: 'open' });
    const queued = p.run({ key: 'b', text: article(5_000), options: {}, priority: 'open' });
    p.dispose();
    await assert.rejects(running, CancelledError);
    await assert.rejects(queued, CancelledError);
    await assert.rejects(p.run({ key: 'c', text: 'x', options: {}, priority: 'open' }), CancelledError);
  });

  it('answers nothing for a run it does not hold', () => {
    const handle = serveAnalysis(() => assert.fail('nothing to answer'));
    handle({ type: 'next', id: 99 });
    handle({ type: 'drop', id: 99 });
  });
});

describe('same-claim index filled in slices', () => {
  it('answers as the one set at once, and pauses on a large article', async () => {
    const a = analyze('Head\n' + 'The council approved a budget of 4 million euros for the harbour on Friday.\n'.repeat(3) + article(200_000)).claims;
    const b = analyze('Other\nThe council approved a budget of 4 million euros for the harbour on Friday, officials said.\n').claims;
    const atOnce = new SameClaimIndex();
    atOnce.set('a', a);
    atOnce.set('b', b);
    const sliced = new SameClaimIndex();
    let pauses = 0;
    await sliced.setInSlices('a', a, async () => {
      pauses++;
      await turn();
    }, 1);
    await sliced.setInSlices('b', b, turn, 1);
    assert.ok(pauses > 1, `${pauses} pauses`);
    for (const claim of b) assert.deepEqual(sliced.find('b', claim), atOnce.find('b', claim));
    assert.ok(sliced.find('b', b.find((c) => c.text.includes('4 million'))!).length > 0, 'the shared claim is found');
  });
});
