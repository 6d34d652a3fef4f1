/**
 * The MILP solver behind exact contact scheduling: HiGHS 1.x compiled to WebAssembly (npm `highs` 1.15.3,
 * MIT), loaded once per process. Runs offline; `mip_rel_gap = 0` so that "optimal" means proven optimal,
 * not HiGHS's default 0.01 % gap.
 */
import highsLoader from 'highs';
import type { MilpSolution, MilpSolver } from '@skylane/core';

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let instance: Promise<Highs> | undefined;

/** The HiGHS MILP solver (`MilpSolver` of @skylane/core). */
export const highsMilpSolver: MilpSolver = async (lpText, options) => {
  instance ??= highsLoader();
  const highs = await instance;
  const r = highs.solve(lpText, {
    mip_rel_gap: 0,
    output_flag: false,
    ...(options.timeLimitS !== undefined ? { time_limit: options.timeLimitS } : {}),
  });
  const values = new Map<string, number>();
  const status: MilpSolution['status'] =
    r.Status === 'Optimal' ? 'optimal' : r.Status === 'Time limit reached' || r.Status === 'Iteration limit reached' ? 'feasible' : r.Status === 'Infeasible' ? 'infeasible' : 'error';
  if (status === 'optimal' || status === 'feasible') {
    for (const [name, col] of Object.entries(r.Columns)) {
      const primal = (col as { Primal?: number }).Primal;
      if (primal !== undefined) values.set(name, primal);
    }
    if (status === 'feasible' && values.size === 0) return { status: 'error', values, objective: Number.NaN, message: `HiGHS: ${r.Status} before any solution` };
  }
  return { status, values, objective: r.ObjectiveValue, ...(status === 'optimal' ? { bound: r.ObjectiveValue } : {}), ...(status === 'error' ? { message: `HiGHS: ${r.Status}` } : {}) };
};
