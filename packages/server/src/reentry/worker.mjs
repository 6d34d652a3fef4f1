// Worker-thread entry of POST /api/v1/reentry/predictions: registers the TypeScript loader (tsx), then serves the task.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./reentryTask.ts');
export default mod.default;
