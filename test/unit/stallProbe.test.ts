// The stall probe's busy time: a gap the thread spends running counts; a gap spent stopped or waiting does not.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { busiest, heldMs, startStallProbe, threadCpuClock } from '../stallProbe';

/**
 * Spins until this thread has run for `ms` of CPU time. Not wall time: on a loaded machine the two part. Not
 * process.cpuUsage either: it counts every thread (the collector's too), so it can reach `ms` before this one has.
 */
function runForCpu(ms: number): void {
  const threadMs = threadCpuClock()!;
  const start = threadMs();
  while (threadMs() - start < ms);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('stall probe', () => {
  before(function () {
    // The thread's CPU time comes from Linux's /proc/thread-self/schedstat; elsewhere a gap counts whole.
    if (process.platform !== 'linux') this.skip();
  });

  it('counts a gap the thread spent running as busy', async () => {
    const probe = startStallProbe('busy-test', { busy: true });
    await tick();
    runForCpu(150);
    await tick();
    const held = busiest(probe.stop());
    assert.ok(held.ms >= 150, `gap ${held.ms} ms`);
    assert.ok(heldMs(held) >= 130, `busy ${held.busyMs} ms of a ${held.ms} ms gap`);
  });

  it('counts a gap the thread spent stopped by the system, not running, as idle', async () => {
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
    assert.ok(heldMs(busiest(stalls)) < 40);
  });

  it('gives no busy time without the option, and then counts a gap whole', async () => {
    const probe = startStallProbe('plain-test');
    await tick();
    runForCpu(30);
    const stalls = probe.stop();
    assert.ok(stalls.length >= 1 && stalls.length <= 5);
    assert.equal(stalls[0].busyMs, undefined);
    assert.equal(heldMs(busiest(stalls)), stalls[0].ms);
  });
});
