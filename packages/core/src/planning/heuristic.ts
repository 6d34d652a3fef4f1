/**
 * Fast contact-scheduling heuristic for large instances (thousands of satellites, ~200,000 opportunities):
 * greedy insertion, then a repair phase aimed at unmet requirements, then local search by insertion with
 * ejection, repeated while the objective improves and a deterministic work budget lasts.
 *
 * Data structures (all incremental, no per-move allocation of interval lists):
 * - per antenna, the scheduled contacts sorted by start (contacts on one antenna are disjoint, so ends are
 *   sorted too): conflicts and free-antenna tests are a binary search plus a short scan;
 * - per satellite, its scheduled contacts sorted by start and its cached objective term (problem.ts); adding
 *   or removing a contact re-evaluates only that satellite (O(its contacts)) and updates the total;
 * - a journal of add/remove operations: a move is applied, measured by the change of the total, and undone
 *   exactly by replaying the journal backwards.
 *
 * Phases:
 * 1. Greedy: a lazy priority queue (Minoux 1978) of marginal gains; a popped gain is re-evaluated and
 *    re-queued when it fell below the next one. An opportunity goes to the antenna that became free last
 *    before it (best fit), which keeps the other antennas open.
 * 2. Repair (satellites with a missing contact or a gap violation, highest weight first): every unscheduled
 *    opportunity of the satellite that lies in a violated gap (all of them when contacts are missing) is tried
 *    by ejection insertion; when no single insertion gains, pairs (the second within the maximum gap of the
 *    first's end) are tried, since a long gap often needs two contacts at once.
 * 3. Ejection insertion (also the move of phase 2): insert opportunity i on antenna a, eject the conflicting
 *    contacts (padded by setup time, plus the satellite's own overlapping contacts), let each satellite that
 *    lost a contact refill from free capacity near the ejection; with depth > 1 a satellite that is still worse
 *    off may in turn insert one of its own opportunities by ejection (an ejection chain; contacts inserted
 *    earlier in the chain are locked). Kept when the total objective rises.
 * 4. Improvement: ejection insertion of the remaining unscheduled opportunities, best upper bound first.
 *
 * Stopping rule: rounds of 2–4 + greedy refill end when a round improves nothing, after `maxRounds`, or when
 * the work budget (`maxEvaluations`, counted in move evaluations) is spent. The budget makes the result a
 * function of the input alone (no wall clock); `timeLimitS` adds an optional wall-clock cap that does not.
 * Deterministic: ties break on opportunity index. Measured against the exact MILP on small instances in the
 * tests (within 5 %).
 */
import { GAP_VIOLATION_PENALTY, MISSING_CONTACT_PENALTY, type SchedulingProblem } from './problem.ts';
import { assembleSchedule, type ScheduleResult } from './schedule.ts';

export interface HeuristicOptions {
  /** Rounds of repair + ejection + refill (default 6). */
  readonly maxRounds?: number;
  /** Work budget of the improvement phases, in move evaluations (default max(2·10⁵, 12 × opportunities)). */
  readonly maxEvaluations?: number;
  /** Optional wall-clock cap of the improvement phases, s (default none; when it triggers, results depend on the machine). */
  readonly timeLimitS?: number;
  /** Try pair insertions for satellites with unmet requirements (default true). */
  readonly pairMoves?: boolean;
  /** After an ejection, satellites that lost a contact refill from opportunities this close to it, s (default: unlimited up to 5,000 opportunities, 3 h above). */
  readonly repairWindowS?: number;
  /** Ejection-chain depth (default 3 up to 600 opportunities, 2 up to 20,000, 1 above; the repair phase uses one more, at most 3). */
  readonly ejectionDepth?: number;
}

class MaxHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  topKey(): number {
    return this.keys[0] ?? Number.NEGATIVE_INFINITY;
  }
  private less(i: number, j: number): boolean {
    const ki = this.keys[i]!;
    const kj = this.keys[j]!;
    return ki < kj || (ki === kj && this.vals[i]! > this.vals[j]!);
  }
  private swap(i: number, j: number): void {
    const k = this.keys[i]!;
    this.keys[i] = this.keys[j]!;
    this.keys[j] = k;
    const v = this.vals[i]!;
    this.vals[i] = this.vals[j]!;
    this.vals[j] = v;
  }
  push(key: number, val: number): void {
    this.keys.push(key);
    this.vals.push(val);
    let i = this.keys.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(p, i)) break;
      this.swap(p, i);
      i = p;
    }
  }
  pop(): number {
    const top = this.vals[0]!;
    const lastK = this.keys.pop()!;
    const lastV = this.vals.pop()!;
    if (this.keys.length > 0) {
      this.keys[0] = lastK;
      this.vals[0] = lastV;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.keys.length && this.less(m, l)) m = l;
        if (r < this.keys.length && this.less(m, r)) m = r;
        if (m === i) break;
        this.swap(m, i);
        i = m;
      }
    }
    return top;
  }
}

const EPS = 1e-6;

/** Schedules by greedy + repair + local search (see the module header). */
export function scheduleHeuristic(problem: SchedulingProblem, options: HeuristicOptions = {}): ScheduleResult {
  const t0 = performance.now();
  const ops = problem.opportunities;
  const n = ops.length;
  const H = problem.horizonS;
  const nSat = problem.satellites.length;
  const satIndex = new Map(problem.satellites.map((s, i) => [s.catalogNumber, i]));
  const S = Float64Array.from(ops, (o) => o.startS);
  const E = Float64Array.from(ops, (o) => o.endS);
  const satOf = Int32Array.from(ops, (o) => satIndex.get(o.catalogNumber)!);
  const stOf = Int32Array.from(ops, (o) => o.station);
  const G = Float64Array.from(problem.satellites, (s) => s.maxGapS);
  const W = Float64Array.from(problem.satellites, (s) => s.weight);
  const R = Int32Array.from(problem.satellites, (s) => s.requiredContacts);
  // Opportunities of each satellite by start (problem.ts lists them by start; sorted again to be safe).
  const satOps = problem.satellites.map((s) => Int32Array.from(s.opportunities).sort((a, b) => S[a]! - S[b]! || a - b));
  let maxDur = 0;
  for (let i = 0; i < n; i++) maxDur = Math.max(maxDur, E[i]! - S[i]!);
  const antBase: number[] = [];
  let nAnt = 0;
  for (const s of problem.stations) {
    antBase.push(nAnt);
    nAnt += s.antennaCount;
  }
  const setupOfAnt = new Float64Array(nAnt);
  problem.stations.forEach((s, k) => setupOfAnt.fill(s.setupTimeS, antBase[k]!, antBase[k]! + s.antennaCount));
  const antCount = Int32Array.from(problem.stations, (s) => s.antennaCount);

  const onAnt: number[][] = Array.from({ length: nAnt }, () => []);
  const onSat: number[][] = Array.from({ length: nSat }, () => []);
  const antOf = new Int32Array(n).fill(-1);
  const satVal = new Float64Array(nSat);
  let total = 0;

  /** Objective term of satellite k for its contacts `list` plus `add` (−1: none) minus `skip` (−1: none). */
  const value = (k: number, list: readonly number[], add: number, skip: number): number => {
    const g = G[k]!;
    const gapFinite = Number.isFinite(g);
    let minutesS = 0;
    let cnt = 0;
    let gaps = 0;
    let from = 0;
    let li = 0;
    const L = list.length;
    for (;;) {
      let j: number;
      if (add >= 0 && (li >= L || S[add]! < S[list[li]!]! || (S[add] === S[list[li]!] && add < list[li]!))) {
        j = add;
        add = -1;
      } else if (li < L) {
        j = list[li++]!;
        if (j === skip) continue;
      } else break;
      minutesS += E[j]! - S[j]!;
      cnt++;
      if (gapFinite && from + g < H && S[j]! > from + g) gaps++;
      from = E[j]!;
    }
    if (gapFinite && from + g < H) gaps++;
    const missing = Math.max(0, R[k]! - cnt);
    return W[k]! * (minutesS / 60 - MISSING_CONTACT_PENALTY * missing - GAP_VIOLATION_PENALTY * gaps);
  };
  /** Missing contacts + gap violations of satellite k now. */
  const violations = (k: number): number => {
    const list = onSat[k]!;
    const g = G[k]!;
    let gaps = 0;
    if (Number.isFinite(g)) {
      let from = 0;
      for (const j of list) {
        if (from + g < H && S[j]! > from + g) gaps++;
        from = E[j]!;
      }
      if (from + g < H) gaps++;
    }
    return gaps + Math.max(0, R[k]! - list.length);
  };
  const refresh = (k: number): void => {
    total -= satVal[k]!;
    satVal[k] = value(k, onSat[k]!, -1, -1);
    total += satVal[k]!;
  };
  /** First position in `list` (sorted by start, then index) whose start is ≥ t. */
  const lowerBound = (list: readonly number[], t: number): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (S[list[mid]!]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const insertSorted = (list: number[], i: number): void => {
    let k = lowerBound(list, S[i]!);
    while (k < list.length && S[list[k]!] === S[i] && list[k]! < i) k++;
    list.splice(k, 0, i);
  };
  const removeSorted = (list: number[], i: number): void => {
    let k = lowerBound(list, S[i]!);
    while (k < list.length && list[k] !== i) k++;
    if (k < list.length) list.splice(k, 1);
  };
  const rawAdd = (i: number, a: number): void => {
    antOf[i] = a;
    insertSorted(onAnt[a]!, i);
    insertSorted(onSat[satOf[i]!]!, i);
    refresh(satOf[i]!);
  };
  const rawRemove = (i: number): void => {
    removeSorted(onAnt[antOf[i]!]!, i);
    removeSorted(onSat[satOf[i]!]!, i);
    antOf[i] = -1;
    refresh(satOf[i]!);
  };
  // Journal of operations: (i, a) for an add, (~i, a) for a removal.
  const journal: number[] = [];
  const add = (i: number, a: number): void => {
    rawAdd(i, a);
    journal.push(i, a);
  };
  const remove = (i: number): void => {
    journal.push(~i, antOf[i]!);
    rawRemove(i);
  };
  /** Forced-move nesting level: moves are committed (journal cleared) only at level 0. */
  let nesting = 0;
  const commit = (): void => {
    if (nesting === 0) journal.length = 0;
  };
  const undoTo = (mark: number): void => {
    while (journal.length > mark) {
      const a = journal.pop()!;
      const x = journal.pop()!;
      if (x >= 0) rawRemove(x);
      else rawAdd(~x, a);
    }
  };

  /** Contacts on antenna a in conflict with opportunity i (padded by the setup time), appended to out. */
  const antConflicts = (i: number, a: number, out: number[]): void => {
    const list = onAnt[a]!;
    const setup = setupOfAnt[a]!;
    const s = S[i]!;
    for (let k = lowerBound(list, E[i]! + setup) - 1; k >= 0; k--) {
      const j = list[k]!;
      if (E[j]! + setup > s) out.push(j);
      else break;
    }
  };
  const overlapsOwn = (i: number): boolean => {
    const s = S[i]!;
    const e = E[i]!;
    for (const j of onSat[satOf[i]!]!) if (S[j]! < e && s < E[j]!) return true;
    return false;
  };
  /** Free antenna for i with the latest previous end (best fit), or −1. */
  const freeAntenna = (i: number): number => {
    const st = stOf[i]!;
    let best = -1;
    let bestEnd = Number.NEGATIVE_INFINITY;
    const s = S[i]!;
    for (let a = antBase[st]!; a < antBase[st]! + antCount[st]!; a++) {
      const list = onAnt[a]!;
      const setup = setupOfAnt[a]!;
      const k = lowerBound(list, E[i]! + setup);
      let prevEnd = Number.NEGATIVE_INFINITY;
      if (k > 0) {
        prevEnd = E[list[k - 1]!]!;
        if (prevEnd + setup > s) continue;
      }
      if (best < 0 || prevEnd > bestEnd) {
        best = a;
        bestEnd = prevEnd;
      }
    }
    return best;
  };
  const gainOf = (i: number): number => value(satOf[i]!, onSat[satOf[i]!]!, i, -1) - satVal[satOf[i]!]!;

  for (let k = 0; k < nSat; k++) refresh(k);

  const greedyFill = (): void => {
    // Key: gain per second of antenna time (contact + setup), the knapsack density: a missing contact is worth
    // the same whatever its length, so short contacts serve more satellites from the same antennas.
    const key = (i: number, g: number): number => g / (E[i]! - S[i]! + setupOfAnt[antBase[stOf[i]!]!]!);
    const heap = new MaxHeap();
    for (let i = 0; i < n; i++) {
      if (antOf[i]! >= 0 || overlapsOwn(i) || freeAntenna(i) < 0) continue;
      const g = gainOf(i);
      if (g > EPS) heap.push(key(i, g), i);
    }
    while (heap.size > 0) {
      const i = heap.pop();
      if (antOf[i]! >= 0 || overlapsOwn(i)) continue;
      const a = freeAntenna(i);
      if (a < 0) continue;
      const g = gainOf(i);
      const kk = key(i, g);
      if (kk < heap.topKey() - EPS) {
        if (g > EPS) heap.push(kk, i);
        continue;
      }
      if (g > EPS) add(i, a);
    }
    commit();
  };

  const depth = options.ejectionDepth ?? (n <= 600 ? 3 : n <= 20_000 ? 2 : 1);
  const repairDepth = Math.max(depth, Math.min(depth + 1, 3));
  const windowS = options.repairWindowS ?? (n <= 5000 ? Number.POSITIVE_INFINITY : 3 * 3600);
  const budget = options.maxEvaluations ?? Math.max(200_000, 12 * n);
  const deadline = options.timeLimitS !== undefined ? t0 + options.timeLimitS * 1000 : Number.POSITIVE_INFINITY;
  let evaluations = 0;
  const outOfBudget = (): boolean => evaluations >= budget || ((evaluations & 255) === 0 && performance.now() > deadline);
  const locked = new Int32Array(n);

  /** Adds satellite k's best free opportunity near [lo, hi] while one gains (at most twice). */
  const refill = (k: number, lo: number, hi: number): void => {
    const list = satOps[k]!;
    for (let rep = 0; rep < 2; rep++) {
      let best = -1;
      let bestA = -1;
      let bestGain = EPS;
      // Opportunities starting in [lo − window − maxDur, hi + window].
      let a0 = 0;
      let b0 = list.length;
      const from = lo - windowS - maxDur;
      while (a0 < b0) {
        const mid = (a0 + b0) >> 1;
        if (S[list[mid]!]! < from) a0 = mid + 1;
        else b0 = mid;
      }
      for (let m = a0; m < list.length; m++) {
        const i = list[m]!;
        if (S[i]! > hi + windowS) break;
        if (antOf[i]! >= 0 || E[i]! < lo - windowS || overlapsOwn(i)) continue;
        const a = freeAntenna(i);
        if (a < 0) continue;
        const g = gainOf(i);
        if (g > bestGain) {
          bestGain = g;
          best = i;
          bestA = a;
        }
      }
      if (best < 0) return;
      add(best, bestA);
    }
  };

  const conf: number[] = [];
  /**
   * Ejection insertion of i on antenna a (see the module header), applied; returns the change of the total
   * objective (−∞ with nothing applied when a locked contact is in the way). The caller undoes it with undoTo.
   */
  const tryInsert = (i: number, a: number, d: number): number => {
    evaluations++;
    const before = total;
    const start = conf.length;
    antConflicts(i, a, conf);
    const s = S[i]!;
    const e = E[i]!;
    for (const j of onSat[satOf[i]!]!) if (S[j]! < e && s < E[j]!) conf.push(j);
    const ejected = conf.splice(start);
    for (const j of ejected) if (locked[j]! > 0) return Number.NEGATIVE_INFINITY;
    const lostSats: number[] = [];
    const lostBefore: number[] = [];
    let lo = s;
    let hi = e;
    for (const j of ejected) {
      if (antOf[j]! < 0) continue; // listed twice (antenna and own overlap)
      const k = satOf[j]!;
      if (k !== satOf[i]! && !lostSats.includes(k)) {
        lostSats.push(k);
        lostBefore.push(satVal[k]!);
      }
      lo = Math.min(lo, S[j]!);
      hi = Math.max(hi, E[j]!);
      remove(j);
    }
    add(i, a);
    for (const k of lostSats) refill(k, lo, hi);
    if (d > 1) {
      locked[i] = locked[i]! + 1;
      lostSats.forEach((k, m) => {
        if (satVal[k]! >= lostBefore[m]! - EPS) return;
        let bestD = EPS;
        let bestI = -1;
        let bestA = -1;
        const list = satOps[k]!;
        for (const i2 of list) {
          if (antOf[i2]! >= 0 || E[i2]! < lo - windowS || S[i2]! > hi + windowS) continue;
          const st2 = stOf[i2]!;
          for (let a2 = antBase[st2]!; a2 < antBase[st2]! + antCount[st2]!; a2++) {
            const mark = journal.length;
            const t = tryInsert(i2, a2, d - 1);
            undoTo(mark);
            if (t > bestD) {
              bestD = t;
              bestI = i2;
              bestA = a2;
            }
          }
        }
        if (bestI >= 0) tryInsert(bestI, bestA, d - 1);
      });
      locked[i] = locked[i]! - 1;
    }
    return total - before;
  };

  /** Best ejection insertion of i over its station's antennas: applies it when it gains; returns whether it did. */
  const bestInsert = (i: number, d: number): boolean => {
    const st = stOf[i]!;
    let bestD = EPS;
    let bestA = -1;
    const mark = journal.length;
    for (let a = antBase[st]!; a < antBase[st]! + antCount[st]!; a++) {
      const t = tryInsert(i, a, d);
      undoTo(mark);
      if (t > bestD) {
        bestD = t;
        bestA = a;
      }
    }
    if (bestA < 0) return false;
    tryInsert(i, bestA, d);
    commit();
    return true;
  };

  /** Unscheduled opportunities of satellite k inside its violated gaps (all of them when contacts are missing). */
  const repairCandidates = (k: number): number[] => {
    const list = onSat[k]!;
    const out: number[] = [];
    const missing = R[k]! - list.length > 0;
    const g = G[k]!;
    const gaps: [number, number][] = [];
    if (!missing && Number.isFinite(g)) {
      let from = 0;
      for (let m = 0; m <= list.length; m++) {
        const next = m < list.length ? S[list[m]!]! : Number.POSITIVE_INFINITY;
        if (from + g < H && next > from + g) gaps.push([from, next]);
        if (m < list.length) from = E[list[m]!]!;
      }
    }
    for (const i of satOps[k]!) {
      if (antOf[i]! >= 0) continue;
      if (missing || gaps.some(([a, b]) => S[i]! >= a && S[i]! < b)) out.push(i);
    }
    return out;
  };

  /**
   * One repair step for satellite k: the best single ejection insertion among its repair candidates, or else
   * the best pair; applied when the total rises. Returns whether it applied one.
   */
  const repairStep = (k: number, d: number, pairs: boolean): boolean => {
    const cands = repairCandidates(k);
    const mark = journal.length;
    let bestD = EPS;
    let bestI = -1;
    let bestA = -1;
    for (const i of cands) {
      const st = stOf[i]!;
      for (let a = antBase[st]!; a < antBase[st]! + antCount[st]!; a++) {
        const t = tryInsert(i, a, d);
        undoTo(mark);
        if (t > bestD) {
          bestD = t;
          bestI = i;
          bestA = a;
        }
      }
    }
    if (bestI >= 0) {
      tryInsert(bestI, bestA, d);
      commit();
      return true;
    }
    if (!pairs || cands.length < 2) return false;
    // Pairs: the second starts after the first ends, within the maximum gap (or anywhere when contacts are missing).
    const missing = R[k]! - onSat[k]!.length > 0;
    const g = G[k]!;
    const pd = Math.max(1, d - 1);
    let best = EPS;
    let pick: [number, number, number, number] | undefined;
    for (let x = 0; x < cands.length && !outOfBudget(); x++) {
      const i1 = cands[x]!;
      const st1 = stOf[i1]!;
      for (let a1 = antBase[st1]!; a1 < antBase[st1]! + antCount[st1]!; a1++) {
        const t1 = tryInsert(i1, a1, pd);
        if (t1 === Number.NEGATIVE_INFINITY) continue;
        const mark1 = journal.length;
        locked[i1] = locked[i1]! + 1;
        for (let y = x + 1; y < cands.length; y++) {
          const i2 = cands[y]!;
          if (S[i2]! < E[i1]!) continue;
          if (!missing && S[i2]! - E[i1]! > g) break;
          if (antOf[i2]! >= 0) continue;
          const st2 = stOf[i2]!;
          for (let a2 = antBase[st2]!; a2 < antBase[st2]! + antCount[st2]!; a2++) {
            const t2 = tryInsert(i2, a2, pd);
            undoTo(mark1);
            if (t1 + t2 > best) {
              best = t1 + t2;
              pick = [i1, a1, i2, a2];
            }
          }
        }
        locked[i1] = locked[i1]! - 1;
        undoTo(mark);
      }
    }
    if (pick === undefined) return false;
    const [p1, q1, p2, q2] = pick;
    tryInsert(p1, q1, pd);
    locked[p1] = locked[p1]! + 1;
    if (antOf[p2]! < 0) tryInsert(p2, q2, pd);
    locked[p1] = locked[p1]! - 1;
    commit();
    return true;
  };

  const unmetSats = (): number[] => {
    const unmet: number[] = [];
    for (let k = 0; k < nSat; k++) if (violations(k) > 0) unmet.push(k);
    return unmet.sort((x, y) => W[y]! - W[x]! || x - y);
  };

  const repairPhase = (): boolean => {
    let improved = false;
    for (const k of unmetSats()) {
      for (let guard = 0; guard < 8 && violations(k) > 0 && !outOfBudget(); guard++) {
        if (!repairStep(k, repairDepth, options.pairMoves ?? true)) break;
        improved = true;
      }
    }
    return improved;
  };

  /**
   * Forced repair (an ejection chain of unbounded depth): for a satellite that no improving move repairs, each
   * candidate opportunity in its violated gaps is inserted whatever it costs and locked, then every satellite
   * made worse (and k itself while still unmet) is repaired in turn by improving moves, their insertions locked
   * too, up to `cascade` steps. The best cascade that raises the total is replayed and kept.
   */
  const cascadeSteps = n <= 5000 ? 12 : 4;
  const snapshot = new Float64Array(nSat);
  const forceRepair = (k: number): boolean => {
    const cands = repairCandidates(k);
    if (cands.length === 0) return false;
    const before = total;
    const mark = journal.length;
    snapshot.set(satVal);
    const run = (i: number, a: number): number => {
      nesting++;
      const lockedHere: number[] = [];
      const lock = (j: number): void => {
        locked[j] = locked[j]! + 1;
        lockedHere.push(j);
      };
      if (tryInsert(i, a, 1) === Number.NEGATIVE_INFINITY) {
        nesting--;
        return Number.NEGATIVE_INFINITY;
      }
      lock(i);
      let scan = mark;
      for (let step = 0; step < cascadeSteps && !outOfBudget(); step++) {
        // Satellites touched since the start that are worse off, or still unmet (k first).
        const todo: number[] = [];
        if (violations(k) > 0) todo.push(k);
        for (let m = scan; m < journal.length; m += 2) {
          const x = journal[m]!;
          const s2 = satOf[x >= 0 ? x : ~x]!;
          if (!todo.includes(s2) && satVal[s2]! < snapshot[s2]! - EPS && violations(s2) > 0) todo.push(s2);
        }
        let progressed = false;
        for (const s2 of todo) {
          const m0 = journal.length;
          if (repairStep(s2, 1, true)) {
            for (let m = m0; m < journal.length; m += 2) if (journal[m]! >= 0) lock(journal[m]!);
            progressed = true;
            break;
          }
        }
        if (!progressed) break;
        scan = mark;
      }
      for (const j of lockedHere) locked[j] = locked[j]! - 1;
      nesting--;
      return total - before;
    };
    let bestD = EPS;
    let bestI = -1;
    let bestA = -1;
    for (const i of cands) {
      const st = stOf[i]!;
      for (let a = antBase[st]!; a < antBase[st]! + antCount[st]!; a++) {
        if (outOfBudget()) break;
        const t = run(i, a);
        undoTo(mark);
        if (t > bestD) {
          bestD = t;
          bestI = i;
          bestA = a;
        }
      }
    }
    if (bestI < 0) return false;
    run(bestI, bestA);
    commit();
    return true;
  };

  const forcePhase = (): boolean => {
    let improved = false;
    for (const k of unmetSats()) {
      if (outOfBudget()) break;
      if (violations(k) > 0 && forceRepair(k)) improved = true;
    }
    return improved;
  };

  /** Ejection insertion of unscheduled opportunities, largest upper bound on the gain first. */
  const ejectionPhase = (): boolean => {
    let improved = false;
    const order: number[] = [];
    const ub = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (antOf[i]! >= 0) continue;
      ub[i] = gainOf(i);
      if (ub[i]! > EPS) order.push(i);
    }
    order.sort((x, y) => ub[y]! - ub[x]! || x - y);
    for (const i of order) {
      if (outOfBudget()) break;
      if (antOf[i]! >= 0) continue;
      if (bestInsert(i, depth)) improved = true;
    }
    return improved;
  };

  greedyFill();
  const rounds = options.maxRounds ?? 6;
  for (let r = 0; r < rounds && !outOfBudget(); r++) {
    const a = repairPhase();
    const f = outOfBudget() ? false : forcePhase();
    const b = outOfBudget() ? false : ejectionPhase();
    greedyFill();
    total = 0;
    for (let k = 0; k < nSat; k++) total += satVal[k]!;
    if (!a && !f && !b) break;
  }
  const selected: number[] = [];
  for (let i = 0; i < n; i++) if (antOf[i]! >= 0) selected.push(i);
  return assembleSchedule(problem, selected, 'heuristic', 'feasible', { wallTimeS: (performance.now() - t0) / 1000 });
}
