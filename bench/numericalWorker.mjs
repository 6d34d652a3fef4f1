// Worker-thread entry of the numerical-propagation benchmark: registers the TypeScript loader (tsx), then serves the task.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./numericalTask.ts');
export default mod.default;
