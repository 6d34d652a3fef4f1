// Worker-thread entry of POST /api/v1/propagations: registers the TypeScript loader (tsx), then serves the task.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./numericalTask.ts');
export default mod.default;
