// Worker-thread entry of a queue worker: registers the TypeScript loader (tsx), then serves shard jobs (shardTask.ts).
import { register } from 'tsx/esm/api';

register();
const mod = await import('./shardTask.ts');
export default mod.default;
