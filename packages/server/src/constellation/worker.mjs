// Worker-thread entry: registers the TypeScript loader (tsx), then serves coverage bands and deployment plans.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./constellationTask.ts');
export default mod.default;
