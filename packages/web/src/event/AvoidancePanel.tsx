/**
 * Avoidance in the event detail: the "Plan avoidance" action (POST /api/v1/events/{id}/avoidance-plan with a target
 * Pc) and its result (Δv, epoch, Pc before/after, propellant, re-screening verdict) with the trade space as a heatmap
 * and the target-Pc contour; the maneuver plans published for this encounter (by this tenant or the other party),
 * their status and audit trail, and the status this side may record.
 */
import { useEffect, useState } from 'react';
import type { ApiClient, ManeuverPlanView } from '../api/client.ts';
import { planSummaryRows, type AvoidancePlanView } from './avoidance.ts';
import { TradeSpaceChart } from './TradeSpaceChart.tsx';

const SIDE_STATUSES: Readonly<Record<ManeuverPlanView['side'], readonly string[]>> = { publisher: ['executed', 'withdrawn'], counterpart: ['accepted', 'declined'] };

export function AvoidancePanel({ api, eventId, refreshToken }: { api: ApiClient; eventId: number; refreshToken: number }) {
  const [targetPc, setTargetPc] = useState('1e-6');
  const [plan, setPlan] = useState<AvoidancePlanView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [plans, setPlans] = useState<ManeuverPlanView[] | null>(null);
  const [plansError, setPlansError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api
      .maneuverPlans(eventId)
      .then((p) => !cancelled && setPlans(p))
      .catch((e: unknown) => !cancelled && setPlansError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [eventId, refreshToken, reload]);

  const target = Number(targetPc);
  const planAvoidance = async () => {
    setBusy(true);
    setError(null);
    try {
      setPlan(await api.avoidancePlan<AvoidancePlanView>(eventId, { targetPc: target }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const record = async (planId: number, status: string) => {
    try {
      await api.setPlanStatus(eventId, planId, status);
      setReload((r) => r + 1);
    } catch (e) {
      setPlansError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="avoidance" data-testid="avoidance">
      <h3>Avoidance</h3>
      <div className="row">
        <label>
          target Pc <input type="text" value={targetPc} size={8} onChange={(e) => setTargetPc(e.target.value)} aria-label="target Pc" />
        </label>
        <button type="button" disabled={busy || !(target > 0 && target < 1)} onClick={() => void planAvoidance()} data-testid="plan-avoidance">
          {busy ? 'Planning…' : 'Plan avoidance'}
        </button>
      </div>
      {error !== null ? (
        <p className="error" role="alert">
          Could not plan: {error}
        </p>
      ) : null}
      {plan !== null ? (
        <>
          <dl className="facts" data-testid="avoidance-plan">
            {planSummaryRows(plan).map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
            {plan.rescreening !== undefined ? (
              <>
                <dt>Re-screening</dt>
                <dd>{plan.rescreening.performed === false ? `skipped: ${plan.rescreening.reason ?? ''}` : plan.rescreening.rejected === true ? `rejected: ${plan.rescreening.newAlerts ?? 0} new alert(s)` : 'no new event above the alert level'}</dd>
              </>
            ) : null}
          </dl>
          {(plan.warnings ?? []).map((w) => (
            <p key={w} className="muted">
              ⚠ {w}
            </p>
          ))}
          {plan.tradeSpace !== undefined && plan.tradeSpace.epochs.length > 0 ? <TradeSpaceChart tradeSpace={plan.tradeSpace} targetPc={plan.tradeSpace.targetPc ?? target} /> : null}
        </>
      ) : null}
      <h3>Published maneuvers</h3>
      {plansError !== null ? <p className="error">{plansError}</p> : null}
      {plans === null ? (
        <p className="muted">Loading…</p>
      ) : plans.length === 0 ? (
        <p className="muted">No maneuver published for this encounter (POST /api/v1/events/{eventId}/maneuvers with the OPM/OEM).</p>
      ) : (
        <ul data-testid="maneuver-plans">
          {plans.map((p) => (
            <li key={p.id}>
              <strong>{p.side === 'publisher' ? 'Our plan' : `Plan of ${p.publisher ?? 'the other party'}`}</strong> #{p.id} · object {p.maneuveredObject} · <span className={`plan-status plan-${p.status}`}>{p.status}</span>
              {p.maneuvers.map((m) => (
                <div key={m.epoch} className="muted">
                  {m.epoch} · Δv {m.dvNormMps.toFixed(3)} m/s ({m.refFrame})
                </div>
              ))}
              {p.counterpartRescreening !== undefined ? (
                <div className="muted">
                  {p.counterpartRescreening.screened
                    ? `our fleet vs the published trajectory: ${(p.counterpartRescreening.approaches ?? []).length === 0 ? 'no approach within 5 km' : (p.counterpartRescreening.approaches ?? []).map((a) => `#${a.object} ${a.missDistanceKm.toFixed(3)} km at ${a.tca}`).join('; ')}`
                    : `not re-screened: ${p.counterpartRescreening.reason ?? ''}`}
                </div>
              ) : null}
              <ol className="muted">
                {p.history.map((h, i) => (
                  <li key={i}>
                    {h.at} · {h.side} · {h.status}
                    {h.note !== null ? ` · ${h.note}` : ''}
                  </li>
                ))}
              </ol>
              {p.status !== 'executed' && p.status !== 'withdrawn'
                ? SIDE_STATUSES[p.side].map((s) => (
                    <button key={s} type="button" onClick={() => void record(p.id, s)}>
                      {s}
                    </button>
                  ))
                : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
