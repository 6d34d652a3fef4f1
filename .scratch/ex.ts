import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createTimeScales } from '../packages/core/src/index.ts';
import { parseNotamDatabase } from '../packages/core/src/launch/index.ts';
const ts = createTimeScales();
const b = JSON.parse(gunzipSync(readFileSync('validation/notam-drop-zones/notam_db.json.gz')).toString()) as Record<string,string>;
for (const [n, t] of Object.entries(b)) { const d = JSON.parse(t); const r = parseNotamDatabase(d, n, ts); for (const e of r.excluded) { const i = Number(e.source.split('#')[1]); console.log(e.code, e.reason, '|', (d.RAWMESSAGE[i] as string).replace(/\s+/g,' ').slice(60, 260)); } }
