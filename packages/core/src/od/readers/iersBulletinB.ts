/**
 * IERS Bulletin B (new format, 2010+) reader: section 1 daily final x, y (mas) and UT1−UTC (ms), section 2
 * dPsi1980/dEps1980 (mas), section 3 LOD (ms), including the "preliminary extension" rows. Returns rows in the core's
 * EopRow units (arcsec, s) for `tabulatedEop`. Several bulletins may be concatenated; a later row for the same MJD wins.
 */
import type { EopRow } from '../../time/eop.ts';

const ROW = /^\s*(\d{4})\s+(\d{1,2})\s+(\d{1,2})\s+(\d{5})\s+(.*)$/;

export function readBulletinB(texts: readonly string[]): EopRow[] {
  const rows = new Map<number, { xp?: number; yp?: number; dut1?: number; dpsi?: number; deps?: number; lod?: number }>();
  for (const text of texts) {
    let section = 0;
    for (const line of text.split(/\r?\n/)) {
      const s = /^\s*(\d)\s+-\s+[A-Z]/.exec(line);
      if (s !== null) {
        section = Number(s[1]);
        continue;
      }
      const m = ROW.exec(line);
      if (m === null || section < 1 || section > 3) continue;
      const mjd = Number(m[4]);
      const v = m[5]!.trim().split(/\s+/).map(Number);
      const r = rows.get(mjd) ?? {};
      if (section === 1 && v.length >= 3 && v.slice(0, 3).every(Number.isFinite)) {
        r.xp = v[0]! / 1000;
        r.yp = v[1]! / 1000;
        r.dut1 = v[2]! / 1000;
      } else if (section === 2 && v.length >= 2 && v.slice(0, 2).every(Number.isFinite)) {
        r.dpsi = v[0]! / 1000;
        r.deps = v[1]! / 1000;
      } else if (section === 3 && v.length >= 1 && Number.isFinite(v[0])) r.lod = v[0]! / 1000;
      rows.set(mjd, r);
    }
  }
  const out: EopRow[] = [];
  for (const [mjd, r] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
    if (r.xp === undefined || r.yp === undefined || r.dut1 === undefined) continue;
    out.push({ mjd, xpArcsec: r.xp, ypArcsec: r.yp, dut1S: r.dut1, lodS: r.lod ?? 0, dPsiArcsec: r.dpsi ?? 0, dEpsArcsec: r.deps ?? 0 });
  }
  return out;
}
