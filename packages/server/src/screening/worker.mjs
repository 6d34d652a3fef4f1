// Worker-thread entry: registers the TypeScript loader (tsx), then serves conjunction-screening blocks.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./screeningTask.ts');
export default mod.default;
