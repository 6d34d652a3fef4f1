/** Planning: TT&C contact scheduling (problem and objective, exact MILP through an injected solver, greedy + local-search heuristic, independent validator). */
export * from './problem.ts';
export * from './schedule.ts';
export * from './heuristic.ts';
export * from './milp.ts';
export * from './validator.ts';
