// Worker-thread entry of the job helpers: registers the TypeScript loader (tsx), then serves element-set loading
// and event-assessment tasks (jobTask.ts).
import { register } from 'tsx/esm/api';

register();
const mod = await import('./jobTask.ts');
export default mod.default;
