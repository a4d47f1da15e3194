// Error of the binary-tree mechanism against its theory over T collection steps, next to the naive continual
// release (Laplace(1/ε) noise on every interval's increment, summed), in the same run. Exits non-zero when the
// measured error misses the theory or the tree does not beat the naive release at the horizon.
import {
  TreeCounter,
  laplace,
  popcount,
  seededRandom,
  treeCounterMaxStdDev,
  treeCounterStdDev,
} from '@modelwatch/stats';

const epsilon = 1;
const horizon = 2 ** 16;
const runs = 120;
const random = seededRandom(20261206);
const checkpoints = [1, 255, 4096, 32767, 65535, horizon];
const treeSq = new Map<number, number>(checkpoints.map((t) => [t, 0]));
const naiveSq = new Map<number, number>(checkpoints.map((t) => [t, 0]));
let releasedWorst = 0;
let monotoneViolations = 0;

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let treeMs = 0;
let naiveMs = 0;
for (let r = 0; r < runs; r++) {
  const increments = Array.from({ length: horizon }, () => Math.floor(random() * 5));
  const tree = new TreeCounter({ epsilon, horizon, random });
  let start = cpu();
  let total = 0;
  let previous = 0;
  for (let t = 1; t <= horizon; t++) {
    total += increments[t - 1]!;
    const v = tree.step(increments[t - 1]!);
    if (v < previous) monotoneViolations++;
    previous = v;
    releasedWorst = Math.max(releasedWorst, Math.abs(v - total));
    if (treeSq.has(t)) treeSq.set(t, treeSq.get(t)! + (tree.noisySum - total) ** 2);
  }
  treeMs += cpu() - start;
  // Naive: each interval's increment gets its own Laplace(1/ε) (each item is in one increment: ε-DP too).
  start = cpu();
  total = 0;
  let noisy = 0;
  for (let t = 1; t <= horizon; t++) {
    total += increments[t - 1]!;
    noisy += increments[t - 1]! + laplace(random, 1 / epsilon);
    if (naiveSq.has(t)) naiveSq.set(t, naiveSq.get(t)! + (noisy - total) ** 2);
  }
  naiveMs += cpu() - start;
}

let failed = false;
const check = (ok: boolean, what: string): void => {
  console.log(`${ok ? 'ok  ' : 'MISS'} ${what}`);
  if (!ok) failed = true;
};
console.log(`binary-tree mechanism, ε = ${epsilon}, T = ${horizon} steps, ${runs} seeded runs`);
console.log('      t  blocks  theory sd  measured sd  ratio   naive sd (measured / theory √(2t)/ε)');
for (const t of checkpoints) {
  const measured = Math.sqrt(treeSq.get(t)! / runs);
  const theory = treeCounterStdDev(t, epsilon, horizon);
  const naive = Math.sqrt(naiveSq.get(t)! / runs);
  console.log(
    `${String(t).padStart(7)}  ${String(popcount(t)).padStart(6)}  ${theory.toFixed(1).padStart(9)}  ${measured
      .toFixed(1)
      .padStart(
        11
      )}  ${(measured / theory).toFixed(3)}   ${naive.toFixed(1)} / ${(Math.sqrt(2 * t) / epsilon).toFixed(1)}`
  );
  // 120 runs: the relative standard error of a Laplace sample's sd is about √(5/4/120) ≈ 10 % for one block.
  check(measured / theory > 0.7 && measured / theory < 1.3, `t = ${t}: measured sd within 30 % of theory`);
}
const maxSd = treeCounterMaxStdDev(epsilon, horizon);
console.log(`largest theoretical sd √(2L)·L/ε = ${maxSd.toFixed(1)}; worst released error seen ${releasedWorst}`);
check(releasedWorst <= 6 * maxSd, 'worst released (monotone, rounded) error within 6 largest sds');
check(monotoneViolations === 0, 'released values never decrease');
const treeAtT = Math.sqrt(treeSq.get(65535)! / runs);
const naiveAtT = Math.sqrt(naiveSq.get(65535)! / runs);
check(treeAtT < naiveAtT, `tree beats the naive release at t = 65535 (${treeAtT.toFixed(1)} < ${naiveAtT.toFixed(1)})`);
console.log(
  `CPU per step: tree ${((treeMs * 1e6) / (runs * horizon)).toFixed(0)} ns, naive ${((naiveMs * 1e6) / (runs * horizon)).toFixed(0)} ns`
);
process.exit(failed ? 1 : 0);
