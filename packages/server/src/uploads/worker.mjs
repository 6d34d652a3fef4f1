// Worker-thread entry: registers the TypeScript loader (tsx), then serves upload parse tasks.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./parseTask.ts');
export default mod.default;
