// Summarises a CPU profile written by the stall probe (test/stallProbe.ts, SEED_PROFILE_STALLS=DIR): for each of
// the longest gaps, the functions that ran in it, by self time, each with the stack it was called from.
//   node scripts/stall-profile.mjs DIR/NAME.cpuprofile
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/stall-profile.mjs FILE.cpuprofile');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const gaps = JSON.parse(readFileSync(`${file}.stalls.json`, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const stack = (id) => {
  const out = [];
  for (let at = id; at !== undefined && out.length < 8; at = parent.get(at)) out.push(name(nodes.get(at)));
  return out.slice(1).join(' < ');
};

// Each sample's time in ms from the profile's start.
const times = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) times.push(((t += d) - profile.startTime) / 1000);
for (const gap of gaps) {
  const from = gap.at - gap.ms;
  const self = new Map();
  profile.samples.forEach((id, i) => {
    if (times[i] < from || times[i] > gap.at) return;
    const dt = (times[i + 1] ?? times[i]) - times[i];
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  console.log(`\n${gap.ms.toFixed(0)} ms gap ending at ${(gap.at / 1000).toFixed(2)} s:`);
  const byFunction = new Map();
  for (const [id, ms] of self) {
    const key = name(nodes.get(id));
    const entry = byFunction.get(key) ?? { ms: 0, stacks: new Map() };
    entry.ms += ms;
    entry.stacks.set(stack(id), (entry.stacks.get(stack(id)) ?? 0) + ms);
    byFunction.set(key, entry);
  }
  for (const [key, { ms, stacks }] of [...byFunction].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8)) {
    const [top] = [...stacks].sort((a, b) => b[1] - a[1]);
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}\n             < ${top[0]}`);
  }
}

// With --before: what ran in the 500 ms before each gap (a collector's pause is the bill for earlier allocations).
if (process.argv.includes('--before')) {
  for (const gap of gaps) {
    const to = gap.at - gap.ms;
    const byFunction = new Map();
    profile.samples.forEach((id, i) => {
      if (times[i] < to - 500 || times[i] > to) return;
      const key = name(nodes.get(id));
      byFunction.set(key, (byFunction.get(key) ?? 0) + ((times[i + 1] ?? times[i]) - times[i]));
    });
    console.log(`\nbefore the ${gap.ms.toFixed(0)} ms gap at ${(gap.at / 1000).toFixed(2)} s:`);
    for (const [key, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
  }
}
