// The stall probe's busy time: a gap the thread spends running counts; a gap spent waiting does not.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { busiest, startStallProbe } from '../stallProbe';

function runFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('stall probe', () => {
  it('counts a gap the thread spent running as busy', async () => {
    const probe = startStallProbe('busy-test', { busy: true });
    await tick();
    runFor(150);
    await tick();
    const stalls = probe.stop();
    const held = busiest(stalls);
    assert.ok(held.ms >= 150, `gap ${held.ms} ms`);
    assert.ok(held.busyMs! >= 120, `busy ${held.busyMs} ms of a ${held.ms} ms gap`);
  });

  it('counts a gap the thread spent stopped by the system, not running, as idle', async function () {
    if (process.platform === 'win32') this.skip();
    // The operating system stops this process for 200 ms while it waits on timers: what a starved host sees.
    const probe = startStallProbe('idle-test', { busy: true });
    const stopper = spawn('sh', ['-c', `sleep 0.1; kill -STOP ${process.pid}; sleep 0.2; kill -CONT ${process.pid}`], { stdio: 'ignore' });
    const exited = new Promise((resolve) => stopper.on('exit', resolve));
    while (stopper.exitCode === null) await tick();
    await exited;
    const stalls = probe.stop();
    const stopped = stalls[0];
    assert.ok(stopped.ms >= 180, `longest gap ${stopped.ms} ms`);
    assert.ok(stopped.busyMs! < 40, `busy ${stopped.busyMs} ms of a ${stopped.ms} ms gap`);
  });

  it('gives no busy time without the option (no profiler runs)', async () => {
    const probe = startStallProbe('plain-test');
    await tick();
    const stalls = probe.stop();
    assert.ok(stalls.length >= 1 && stalls.length <= 5);
    assert.equal(stalls[0].busyMs, undefined);
  });
});
