// The top of a plan's page: who asked for what, the solver's numbers, before/after, loads.
import { useMemo, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { LoadPair, loadRatio } from '../../components/LoadBar';
import { PlanStatusBadge } from './PlanBadges';
import { type CaseloadPlan, type PlanSummary, type WhatIf, type WorkerLoad } from './types';

export function PlanHeader({ plan }: { plan: CaseloadPlan }) {
  const { t, label, number, dateTime } = useI18n();
  return (
    <header className="plan-header" data-testid="plan-header">
      <div className="plan-title">
        <h1>
          {t('plan.title')} · {label('PlanScopeKind', plan.scopeKind)} {plan.scopeName}
        </h1>
        <p className="muted">
          {t('plan.createdAt', { time: dateTime(plan.createdAt) })}
          {/* createdBy/decidedBy are user ids: no page shows an internal id. */}
          {' · '}
          {t('plan.version', { version: plan.version })}
        </p>
        {plan.decidedAt && (
          <p className="muted" data-testid="plan-decided">
            {t('plan.decidedAt', { time: dateTime(plan.decidedAt) })}
            {plan.decisionReason && ` · ${t('plan.decisionReason', { reason: plan.decisionReason })}`}
          </p>
        )}
      </div>
      <PlanStatusBadge status={plan.status} />
      <dl className="plan-facts">
        <div>
          <dt>{t('plan.balancePriority')}</dt>
          <dd data-testid="plan-balance">{label('BalancePriority', plan.balancePriority)}</dd>
        </div>
        <div>
          <dt>{t('plan.solver')}</dt>
          <dd data-testid="plan-solver">
            {plan.solver ?? t('common.none')}
            {plan.solverVersion && <small className="muted"> {plan.solverVersion}</small>}
          </dd>
        </div>
        <div>
          <dt>{t('plan.gap')}</dt>
          <dd data-testid="plan-gap">{plan.gap != null ? formatGap(plan.gap, number) : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('plan.solveSeconds')}</dt>
          <dd>
            {plan.solveSeconds != null
              ? t('plan.seconds', { seconds: number(plan.solveSeconds, plan.solveSeconds < 10 ? 2 : 1) })
              : t('common.none')}
          </dd>
        </div>
        {(plan.objective != null || plan.bound != null) && (
          <div>
            <dt>{t('plan.objective')}</dt>
            <dd className="mono">
              {plan.objective != null ? number(plan.objective, 1) : t('common.none')} /{' '}
              {plan.bound != null ? number(plan.bound, 1) : t('common.none')}
            </dd>
          </div>
        )}
        {plan.inputHash && (
          <div>
            <dt>{t('plan.inputHash')}</dt>
            <dd className="mono" title={plan.inputHash}>
              {plan.inputHash.slice(0, 12)}
            </dd>
          </div>
        )}
      </dl>
      {plan.restrictedCandidates && (
        <p className="plan-restricted small" data-testid="plan-restricted">
          {t('plan.restricted')}
        </p>
      )}
      {plan.notes.length > 0 && (
        <div className="plan-notes">
          <h2>{t('plan.notes')}</h2>
          <ul data-testid="plan-notes">
            {plan.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </div>
      )}
    </header>
  );
}

/** The gap to the proven bound, a fraction (0.0012), as a percentage: 0.12%. */
export function formatGap(gap: number, number: (v: number, d?: number) => string): string {
  const pct = gap * 100;
  return `${number(pct, pct !== 0 && Math.abs(pct) < 0.1 ? 3 : 2)}%`;
}

export function WhatIfBanner({ whatIf }: { whatIf: WhatIf | null }) {
  const { t, number } = useI18n();
  const extra = (whatIf?.extraWorkers ?? whatIf?.extra_workers ?? []).reduce((s, e) => s + (e.count ?? 0), 0);
  const cap = whatIf?.capFactor ?? whatIf?.cap_factor ?? null;
  const leave = (whatIf?.workersOnLeave ?? whatIf?.workers_on_leave ?? []).length;
  const parts = [
    extra > 0 ? t('whatIf.extraValue', { count: extra }) : null,
    cap != null && cap !== 1 ? t('whatIf.capValue', { factor: number(cap, 2) }) : null,
    leave > 0 ? t('whatIf.leaveValue', { count: leave }) : null,
  ].filter((p): p is string => p != null);
  return (
    <div className="banner banner-whatif" role="note" data-testid="whatif-banner">
      <strong>{t('plan.whatIfBanner')}</strong>
      {parts.length > 0 && (
        <span>
          {t('plan.whatIfDetail')} {parts.join('；')}
        </span>
      )}
    </div>
  );
}

interface CompareRow {
  key: string;
  label: string;
  today: string;
  plan: string;
  delta: number | null;
  unit: string;
  /** Which way is better: up (coverage) or down (travel). */
  better: 'up' | 'down' | null;
  digits: number;
}

export function SummaryCompare({ summary: s }: { summary: PlanSummary }) {
  const { t, number } = useI18n();
  const km = (v: number) => t('common.km', { km: number(v, 1) });
  const rows: CompareRow[] = [
    {
      key: 'covered',
      label: t('plan.covered'),
      today: t('plan.coveredOf', { count: number(s.todayAssigned), total: number(s.households) }),
      plan: t('plan.coveredOf', { count: number(s.assigned), total: number(s.households) }),
      delta: s.assigned - s.todayAssigned,
      unit: '',
      better: 'up',
      digits: 0,
    },
    {
      key: 'priority',
      label: t('plan.priority'),
      today: number(s.todayCoveredPriority, 1),
      plan: number(s.coveredPriority, 1),
      delta: s.coveredPriority - s.todayCoveredPriority,
      unit: '',
      better: 'up',
      digits: 1,
    },
    {
      key: 'travel',
      label: t('plan.travel'),
      today: km(s.todayTravelKm),
      plan: km(s.travelKm),
      delta: s.travelKm - s.todayTravelKm,
      unit: ' km',
      better: 'down',
      digits: 1,
    },
    {
      key: 'moves',
      label: t('plan.moves'),
      today: t('common.none'),
      plan: t('plan.movesValue', { count: number(s.moves) }),
      delta: null,
      unit: '',
      better: null,
      digits: 0,
    },
  ];
  return (
    <section className="compare" data-testid="plan-summary" aria-label={t('plan.summaryTitle')}>
      <h2>{t('plan.summaryTitle')}</h2>
      <div className="compare-cards">
        {rows.map((r) => {
          const tone =
            r.delta == null || r.better == null || Math.abs(r.delta) < 1e-9
              ? 'flat'
              : (r.delta > 0) === (r.better === 'up')
                ? 'good'
                : r.better === 'up'
                  ? 'bad'
                  : 'cost';
          return (
            <div key={r.key} className="compare-card" data-testid={`compare-${r.key}`}>
              <span className="compare-label">{r.label}</span>
              <div className="compare-values">
                <span className="compare-side">
                  <small>{t('plan.today')}</small>
                  <span className="compare-today" data-testid="compare-today">
                    {r.today}
                  </span>
                </span>
                <span className="compare-arrow" aria-hidden="true">
                  →
                </span>
                <span className="compare-side">
                  <small>{t('plan.thisPlan')}</small>
                  <strong className="compare-plan" data-testid="compare-plan">
                    {r.plan}
                  </strong>
                </span>
              </div>
              {r.delta != null && (
                <span className={`delta delta-${tone}`}>
                  {r.delta > 0 ? '+' : r.delta < 0 ? '−' : '±'}
                  {number(Math.abs(r.delta), r.digits)}
                  {r.unit}
                </span>
              )}
              {r.key === 'covered' && s.leftOutCount > 0 && (
                <span className="muted small">{t('plan.leftOut', { count: number(s.leftOutCount) })}</span>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

const LOADS_SHOWN = 12;

export function WorkerLoads({ loads, summary }: { loads: WorkerLoad[]; summary?: PlanSummary | null }) {
  const { t, number } = useI18n();
  const pct = (v: number) => t('job.percent', { percent: number(v * 100, 0) });
  const [all, setAll] = useState(false);
  // The fullest after the plan first: those are the ones to look at.
  const sorted = useMemo(
    () => [...loads].sort((a, b) => loadRatio(b.after, b.limit) - loadRatio(a.after, a.limit)),
    [loads],
  );
  const shown = all ? sorted : sorted.slice(0, LOADS_SHOWN);
  return (
    <section className="card card-wide" data-testid="worker-loads">
      <h2>{t('plan.loadsTitle')}</h2>
      <p className="muted small" data-testid="load-unit">
        {t('caseload.loadUnit')}
      </p>
      {summary?.utilisationMax != null && summary.utilisationMin != null && summary.utilisationStddev != null && (
        <p className="small" data-testid="load-spread">
          {t('plan.balanceSpread', {
            max: pct(summary.utilisationMax),
            min: pct(summary.utilisationMin),
            std: number(summary.utilisationStddev * 100, 1),
            extra: t('job.percent', { percent: number(summary.balanceExtraTravelPct ?? 0, 1) }),
          })}
        </p>
      )}
      <ul className="load-list">
        {shown.map((l) => (
          <li key={l.workerId} className="load-item" data-testid="worker-load" data-worker={l.workerId}>
            <span className="load-who">
              <span className={`load-name${l.worker ? '' : ' hypothetical'}`} title={l.worker?.name ?? l.workerId}>
                {l.worker?.name ?? t('plan.hypotheticalWorker')}
              </span>
              <span className="load-households muted small">
                {t('plan.householdsBeforeAfter', { before: l.householdsBefore, after: l.householdsAfter })}
              </span>
            </span>
            <LoadPair before={l.before} after={l.after} limit={l.limit} />
          </li>
        ))}
      </ul>
      {sorted.length > LOADS_SHOWN && (
        <button type="button" className="link" onClick={() => setAll((a) => !a)} data-testid="loads-toggle">
          {all ? t('plan.showFewerWorkers') : t('plan.showAllWorkers', { count: sorted.length })}
        </button>
      )}
    </section>
  );
}

