/**
 * Hard-body radius stated in a CDM. CDM 1.0 has no HBR keyword: NASA CARA writes it as a comment
 * (`COMMENT HBR = 10 [m]`, or `COMMENT HBR = 20.0`, metres), the CDM 2.0 draft as `HBR = 2.5 [m]` in each object's
 * additional parameters. Returns the combined radius in metres, or undefined when the CDM states none.
 */
import type { Cdm } from './model.ts';

const HBR_COMMENT_RE = /^HBR\s*[=:]\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(?:\[\s*(m|km)\s*\])?\s*$/i;

/** Combined HBR in metres: a CARA `HBR` comment, else the sum of the two objects' HBR keywords (CDM 2.0). */
export function cdmHardBodyRadiusM(cdm: Cdm): number | undefined {
  const comments = [
    ...cdm.header.comments,
    ...cdm.relative.comments,
    ...[cdm.object1, cdm.object2].flatMap((o) => [...o.metadata.comments, ...o.dataComments, ...(o.odParameters?.comments ?? []), ...(o.additionalParameters?.comments ?? [])]),
  ];
  for (const c of comments) {
    const m = HBR_COMMENT_RE.exec(c.trim());
    if (m) {
      const v = Number(m[1]);
      if (Number.isFinite(v) && v >= 0) return m[2]?.toLowerCase() === 'km' ? v * 1000 : v;
    }
  }
  const per = [cdm.object1, cdm.object2].map((o) => {
    const e = o.extensions.find((x) => x.keyword === 'HBR');
    if (!e) return undefined;
    const v = Number(e.value);
    return Number.isFinite(v) ? (e.unit?.toLowerCase() === 'km' ? v * 1000 : v) : undefined;
  });
  if (per[0] !== undefined && per[1] !== undefined) return per[0] + per[1];
  return per[0] ?? per[1];
}
