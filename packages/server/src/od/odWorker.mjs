// Worker-thread entry of the OD jobs (POST /api/v1/od/jobs): registers the TypeScript loader (tsx), then runs the task.
import { register } from 'tsx/esm/api';

register();
await import('./odTask.ts');
