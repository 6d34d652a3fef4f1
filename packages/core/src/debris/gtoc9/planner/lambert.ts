/** Lambert's problem for the GTOC9 planner: the shared universal-variable solver now lives in orbits/lambert.ts. */
export { lambertUniversal, type LambertSolution } from '../../../orbits/lambert.ts';
