// Worker-thread entry: registers the TypeScript loader (tsx), then serves the batch pass-prediction task.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./passTask.ts');
export default mod.default;
