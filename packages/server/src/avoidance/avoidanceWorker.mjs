// Worker-thread entry of POST /api/v1/events/{id}/avoidance-plan: registers the TypeScript loader (tsx), then serves the task.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./avoidanceTask.ts');
export default mod.default;
