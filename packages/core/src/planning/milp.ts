/**
 * Exact contact scheduling as a mixed-integer linear programme (CPLEX LP text), solved by an injected solver
 * (the core stays free of WASM loading and I/O; @skylane/server provides HiGHS).
 *
 *   max  Σ_i w_s(i)·d_i/60 · x_i − Σ_s w_s·(P_count·u_s + P_gap·Σ_j g_sj)
 *   s.t. antennas:  Σ_{i at station k, s_i ≤ p < e_i + setup_k} x_i ≤ A_k   for every opportunity start p at k
 *        satellite: Σ_{i of s, s_i ≤ p < e_i} x_i ≤ 1                     for every opportunity start p of s
 *        count:     Σ_{i of s} x_i + u_s ≥ N_s
 *        gap start: Σ_{i of s, s_i ≤ G_s} x_i + g_s0 ≥ 1                   when G_s < H
 *        gap after: Σ_{c of s, e_i ≤ s_c ≤ e_i + G_s} x_c − x_i + g_si ≥ 0  for each i of s with e_i + G_s < H
 *        x binary, u, g ≥ 0.
 * Padded intervals [s_i, e_i + setup) form an interval graph, whose cliques are the sets covering one left
 * endpoint; capping every such clique at A_k makes the selection A_k-colourable, i.e. assignable to antennas
 * with setup time between consecutive contacts (schedule.ts does the assignment).
 * u and g take integer values at the optimum because x is binary; the objective equals `scheduleObjective`.
 */
import { SkylaneError } from '../errors/index.ts';
import { GAP_VIOLATION_PENALTY, MISSING_CONTACT_PENALTY, type SchedulingProblem } from './problem.ts';
import { assembleSchedule, type ScheduleResult } from './schedule.ts';

/** What a MILP solver returns for an LP-format model. */
export interface MilpSolution {
  readonly status: 'optimal' | 'feasible' | 'infeasible' | 'error';
  /** Primal values by column name. */
  readonly values: ReadonlyMap<string, number>;
  readonly objective: number;
  /** Best bound (maximisation: an upper bound), when the solver reports one. */
  readonly bound?: number;
  readonly message?: string;
}

/** A MILP solver: takes a CPLEX LP-format model, returns a solution. */
export type MilpSolver = (lpText: string, options: { timeLimitS?: number }) => Promise<MilpSolution>;

export interface MilpModel {
  readonly lp: string;
  readonly columns: number;
  readonly rows: number;
}

const fmt = (x: number): string => {
  const s = x.toPrecision(15);
  return s.includes('e') ? Number(s).toString() : String(Number(s));
};

/** Builds the LP text of a scheduling problem. Column x<i> is opportunity i. */
export function buildScheduleMilp(problem: SchedulingProblem): MilpModel {
  const ops = problem.opportunities;
  const satIdx = new Map(problem.satellites.map((s, k) => [s.catalogNumber, k]));
  const obj: string[] = [];
  const rows: string[] = [];
  for (const o of ops) {
    const s = problem.satellites[satIdx.get(o.catalogNumber)!]!;
    obj.push(`+ ${fmt((s.weight * (o.endS - o.startS)) / 60)} x${o.index}`);
  }
  const cont: string[] = [];
  const clique = (prefix: string, members: readonly number[], pad: number, cap: number): void => {
    const sorted = [...members].sort((a, b) => ops[a]!.startS - ops[b]!.startS || a - b);
    const seen = new Set<string>();
    for (const p of sorted) {
      const at = ops[p]!.startS;
      const cover = sorted.filter((i) => ops[i]!.startS <= at && at < ops[i]!.endS + pad);
      if (cover.length <= cap) continue;
      const key = cover.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(` ${prefix}${rows.length}: ${cover.map((i) => `+ x${i}`).join(' ')} <= ${cap}`);
    }
  };
  problem.stations.forEach((st, k) => {
    clique(
      'ant',
      ops.filter((o) => o.station === k).map((o) => o.index),
      st.setupTimeS,
      st.antennaCount,
    );
  });
  problem.satellites.forEach((s, k) => {
    clique('sat', s.opportunities, 0, 1);
    if (s.requiredContacts > 0) {
      obj.push(`- ${fmt(s.weight * MISSING_CONTACT_PENALTY)} u${k}`);
      cont.push(`u${k}`);
      const terms = s.opportunities.map((i) => `+ x${i}`).join(' ');
      rows.push(` cnt${k}: ${terms} + u${k} >= ${s.requiredContacts}`);
    }
    const G = s.maxGapS;
    if (Number.isFinite(G)) {
      const pen = fmt(s.weight * GAP_VIOLATION_PENALTY);
      if (G < problem.horizonS) {
        obj.push(`- ${pen} g${k}_s`);
        cont.push(`g${k}_s`);
        const first = s.opportunities.filter((i) => ops[i]!.startS <= G);
        rows.push(` gs${k}: ${first.map((i) => `+ x${i}`).join(' ')} + g${k}_s >= 1`);
      }
      for (const i of s.opportunities) {
        const e = ops[i]!.endS;
        if (e + G >= problem.horizonS) continue;
        obj.push(`- ${pen} g${k}_${i}`);
        cont.push(`g${k}_${i}`);
        const next = s.opportunities.filter((c) => ops[c]!.startS >= e && ops[c]!.startS <= e + G);
        rows.push(` ga${k}_${i}: ${next.map((c) => `+ x${c}`).join(' ')} - x${i} + g${k}_${i} >= 0`);
      }
    }
  });
  const lines: string[] = ['Maximize', ` obj: ${obj.length > 0 ? obj.join(' ') : '0 x0'}`, 'Subject To'];
  if (rows.length === 0) lines.push(' dummy: x0 <= 1');
  lines.push(...rows);
  lines.push('Bounds');
  for (const c of cont) lines.push(` ${c} >= 0`);
  lines.push('Binary');
  for (const o of ops) lines.push(` x${o.index}`);
  lines.push('End');
  return { lp: lines.join('\n') + '\n', columns: ops.length + cont.length, rows: rows.length };
}

/** Solves a scheduling problem exactly with the given solver. */
export async function scheduleExact(problem: SchedulingProblem, solver: MilpSolver, options: { timeLimitS?: number } = {}): Promise<ScheduleResult> {
  const t0 = performance.now();
  if (problem.opportunities.length === 0) {
    return assembleSchedule(problem, [], 'milp', 'optimal', { bound: 0, wallTimeS: 0 });
  }
  const model = buildScheduleMilp(problem);
  const sol = await solver(model.lp, options);
  if (sol.status !== 'optimal' && sol.status !== 'feasible') {
    throw new SkylaneError('UNSUPPORTED', `The MILP solver returned ${sol.status}${sol.message !== undefined ? ` (${sol.message})` : ''}; use scheduleHeuristic for this instance.`, sol.status);
  }
  const selected = problem.opportunities.filter((o) => (sol.values.get(`x${o.index}`) ?? 0) > 0.5).map((o) => o.index);
  return assembleSchedule(problem, selected, 'milp', sol.status, {
    ...(sol.bound !== undefined ? { bound: sol.bound } : {}),
    wallTimeS: (performance.now() - t0) / 1000,
  });
}
