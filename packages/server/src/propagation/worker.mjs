// Worker-thread entry: registers the TypeScript loader (tsx), then serves the batch propagation task.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./propagationTask.ts');
export default mod.default;
