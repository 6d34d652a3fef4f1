// Worker-thread entry: registers the TypeScript loader (tsx), then serves launch-COLA requests.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./lcolaTask.ts');
export default mod.default;
