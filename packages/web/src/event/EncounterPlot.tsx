/**
 * The encounter-plane plot (SVG): combined-covariance ellipses (1σ and 3σ) centred on object 1, the miss point of
 * object 2 and the hard-body circle around it, in the covariance's principal axes, metres, to scale. When the
 * hard-body circle is under 3 px at the plot's scale it is drawn at 3 px and labelled as enlarged.
 */
import type { EncounterPicture } from './encounterGeometry.ts';

export function EncounterPlot({ picture, hbrM }: { picture: EncounterPicture; hbrM: number }) {
  const size = 320;
  const pad = 28;
  const [sx, sy] = picture.sigmaM;
  const [mx, my] = picture.missM;
  const extent = Math.max(3 * sx, 3 * sy, Math.abs(mx) + hbrM, Math.abs(my) + hbrM, 1) * 1.1;
  const scale = (size / 2 - pad) / extent;
  const cx = size / 2;
  const cy = size / 2;
  const hbrPx = hbrM * scale;
  const tick = niceStep(extent);
  const ticks: number[] = [];
  for (let t = -Math.floor(extent / tick) * tick; t <= extent; t += tick) ticks.push(t);
  return (
    <figure className="encounter-plot" data-testid="encounter-plot" data-drawn="true">
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={`Encounter plane: miss ${picture.missDistanceM.toFixed(0)} m, combined sigma ${sx.toFixed(0)} by ${sy.toFixed(0)} m, hard-body radius ${hbrM} m`}>
        <rect x="0" y="0" width={size} height={size} fill="#10161d" />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={cx + t * scale} y1={pad / 2} x2={cx + t * scale} y2={size - pad / 2} stroke="#23303b" strokeWidth="1" />
            <line x1={pad / 2} y1={cy - t * scale} x2={size - pad / 2} y2={cy - t * scale} stroke="#23303b" strokeWidth="1" />
          </g>
        ))}
        <line x1={pad / 2} y1={cy} x2={size - pad / 2} y2={cy} stroke="#4b5b69" />
        <line x1={cx} y1={pad / 2} x2={cx} y2={size - pad / 2} stroke="#4b5b69" />
        <ellipse className="sigma3" cx={cx} cy={cy} rx={3 * sx * scale} ry={3 * sy * scale} fill="rgba(79,195,247,0.08)" stroke="#4fc3f7" strokeDasharray="4 3" />
        <ellipse className="sigma1" cx={cx} cy={cy} rx={sx * scale} ry={sy * scale} fill="rgba(79,195,247,0.18)" stroke="#4fc3f7" />
        <circle cx={cx} cy={cy} r="2.5" fill="#ffeb3b" />
        <line x1={cx} y1={cy} x2={cx + mx * scale} y2={cy - my * scale} stroke="#ff4081" strokeDasharray="2 2" />
        <circle className="hard-body" cx={cx + mx * scale} cy={cy - my * scale} r={Math.max(hbrPx, 3)} fill="rgba(255,64,129,0.35)" stroke="#ff4081" />
        <text x={pad / 2 + 2} y={size - 8} fill="#9fb0bf" fontSize="10">
          grid {formatMetres(tick)} · principal axes of the combined covariance
        </text>
      </svg>
      <figcaption>
        Miss {formatMetres(picture.missDistanceM)} at {(picture.relativeSpeedMS / 1000).toFixed(2)} km/s; combined 1σ {formatMetres(sx)} × {formatMetres(sy)} (solid), 3σ dashed; hard-body radius {hbrM} m
        {hbrPx < 3 ? ' (circle enlarged to be visible)' : ''}.{picture.covarianceRemediated ? ' The projected covariance was not positive definite and was remediated.' : ''}
      </figcaption>
    </figure>
  );
}

function niceStep(extent: number): number {
  const raw = extent / 3;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 2 ? 1 : m < 5 ? 2 : 5) * p;
}

function formatMetres(m: number): string {
  return Math.abs(m) >= 10_000 ? `${(m / 1000).toFixed(1)} km` : `${m.toFixed(0)} m`;
}
