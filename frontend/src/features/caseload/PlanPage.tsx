import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { gql, useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { CASELOAD_ACT_ROLES, CASELOAD_VIEW_ROLES, hasRole } from '../../app/types';
import { JobProgress } from '../../components/JobProgress';
import { LoadPair, loadRatio } from '../../components/LoadBar';
import { Loading, QueryError } from '../../components/QueryState';
import { PlanStatusBadge } from './PlanBadges';
import { PlanRequestStatus, usePlanRequest } from './PlanRequest';
import { Proposals } from './Proposals';
import {
  DECIDABLE_STATUSES,
  PROPOSAL_KINDS,
  type CaseloadPlan,
  type InvalidInputError,
  type PlainError,
  type PlanSummary,
  type ProposalKind,
  type StalePlanError,
  type StaleVersionError,
  type WhatIf,
  type WorkerLoad,
} from './types';

export const CASELOAD_PLAN_QUERY = gql`
  query CaseloadPlan($id: ID!) {
    caseloadPlan(id: $id) {
      id
      scopeKind
      scopeId
      scopeName
      status
      version
      isWhatIf
      whatIf
      createdAt
      createdBy
      solver
      solverVersion
      objective
      bound
      gap
      solveSeconds
      inputHash
      restrictedCandidates
      notes
      decidedAt
      decidedBy
      decisionReason
      job {
        id
        status
        progress
        message
        error
      }
      summary {
        households
        assigned
        unassigned
        newCount
        movedCount
        unchangedCount
        leftOutCount
        travelKm
        coveredPriority
        todayAssigned
        todayTravelKm
        todayCoveredPriority
        moves
      }
      workerLoads {
        workerId
        worker {
          id
          name
        }
        limit
        before
        after
        householdsBefore
        householdsAfter
      }
    }
  }
`;

export const APPROVE_PLAN_MUTATION = gql`
  mutation ApproveCaseloadPlan($planId: ID!, $expectedVersion: Int!, $householdIds: [ID!]) {
    approveCaseloadPlan(planId: $planId, expectedVersion: $expectedVersion, householdIds: $householdIds) {
      __typename
      ... on ApproveCaseloadPlanSuccess {
        activated
        transferred
        plan {
          id
          status
          version
        }
      }
      ... on StalePlan {
        message
        field
        code
        changes
      }
      ... on StaleVersion {
        message
        field
        code
        currentVersion
      }
      ... on NotFound {
        message
        field
        code
      }
      ... on Conflict {
        message
        field
        code
      }
    }
  }
`;

export const REJECT_PLAN_MUTATION = gql`
  mutation RejectCaseloadPlan($planId: ID!, $expectedVersion: Int!, $reason: String!) {
    rejectCaseloadPlan(planId: $planId, expectedVersion: $expectedVersion, reason: $reason) {
      __typename
      ... on RejectCaseloadPlanSuccess {
        plan {
          id
          status
          version
        }
      }
      ... on StaleVersion {
        message
        field
        code
        currentVersion
      }
      ... on NotFound {
        message
        field
        code
      }
      ... on Conflict {
        message
        field
        code
      }
      ... on InvalidInput {
        message
        field
        code
        errors {
          field
          reason
          code
        }
      }
    }
  }
`;

type ApproveResult =
  | { __typename: 'ApproveCaseloadPlanSuccess'; activated: number; transferred: number; plan: { id: string } }
  | StalePlanError
  | StaleVersionError
  | PlainError;

type RejectResult =
  | { __typename: 'RejectCaseloadPlanSuccess'; plan: { id: string } }
  | StaleVersionError
  | PlainError
  | InvalidInputError;

/** What the last approval or rejection came to. */
export type Outcome =
  | { kind: 'approved'; activated: number; transferred: number }
  | { kind: 'rejected' }
  | { kind: 'stale'; message: string; changes: string[] }
  | { kind: 'staleVersion'; version: number }
  | { kind: 'error'; message: string };

export function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useAuth();
  const [{ data, error, fetching }, reexecute] = useQuery<{ caseloadPlan: CaseloadPlan | null }>({
    query: CASELOAD_PLAN_QUERY,
    variables: { id },
  });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  if (!hasRole(user, CASELOAD_VIEW_ROLES)) {
    return (
      <section className="page" data-testid="plan-page">
        <p className="notice">{t('caseload.forbidden')}</p>
      </section>
    );
  }

  const plan = data?.caseloadPlan;
  return (
    <section className="page" data-testid="plan-page" data-status={plan?.status ?? ''}>
      <p className="breadcrumb">
        <Link to="/caseload">‹ {t('nav.caseload')}</Link>
      </p>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && plan == null && (
        <p className="notice" data-testid="plan-not-found">
          {t('error.notFound')}
        </p>
      )}
      {plan && <PlanView key={plan.id} plan={plan} canAct={hasRole(user, CASELOAD_ACT_ROLES)} reload={reload} />}
    </section>
  );
}

export function PlanView({ plan, canAct, reload }: { plan: CaseloadPlan; canAct: boolean; reload: () => void }) {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const kind: ProposalKind = (PROPOSAL_KINDS as string[]).includes(tabParam ?? '') ? (tabParam as ProposalKind) : 'NEW';
  const setKind = (k: ProposalKind) => {
    const next = new URLSearchParams(searchParams);
    next.set('tab', k);
    setSearchParams(next, { replace: true });
  };

  const [selection, setSelection] = useState<Set<string>>(new Set());
  const select = useCallback((ids: string[], on: boolean) => {
    setSelection((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  const decidable = canAct && !plan.isWhatIf && DECIDABLE_STATUSES.has(plan.status) && plan.summary != null;

  return (
    <>
      <PlanHeader plan={plan} />
      {plan.isWhatIf && <WhatIfBanner whatIf={plan.whatIf} />}
      {plan.status === 'COMPUTING' && plan.job && (
        <div className="card plan-progress" data-testid="plan-progress">
          <JobProgress jobId={plan.job.id} onDone={reload} title={t('plan.computing')} />
        </div>
      )}
      {plan.status === 'COMPUTING' && !plan.job && <p className="notice">{t('plan.computing')}</p>}
      {plan.status === 'FAILED' && (
        <p className="notice notice-error" role="alert" data-testid="plan-failed">
          {t('plan.failed')} {plan.job?.error ?? ''}
        </p>
      )}
      {plan.summary && (
        <>
          <Decision
            plan={plan}
            summary={plan.summary}
            decidable={decidable}
            canAct={canAct}
            selection={selection}
            clearSelection={() => setSelection(new Set())}
            reload={reload}
          />
          <SummaryCompare summary={plan.summary} />
          {plan.workerLoads.length > 0 && <WorkerLoads loads={plan.workerLoads} />}
          <Proposals
            planId={plan.id}
            version={plan.version}
            summary={plan.summary}
            kind={kind}
            onKind={setKind}
            selection={decidable ? selection : null}
            onSelect={select}
          />
        </>
      )}
    </>
  );
}

function PlanHeader({ plan }: { plan: CaseloadPlan }) {
  const { t, label, number, dateTime } = useI18n();
  return (
    <header className="plan-header" data-testid="plan-header">
      <div className="plan-title">
        <h1>
          {t('plan.title')} · {label('PlanScopeKind', plan.scopeKind)} {plan.scopeName}
        </h1>
        <p className="muted">
          {t('plan.createdAt', { time: dateTime(plan.createdAt) })}
          {plan.createdBy && ` · ${t('plan.createdBy', { who: plan.createdBy })}`} · {t('plan.version', { version: plan.version })}
        </p>
        {plan.decidedAt && (
          <p className="muted" data-testid="plan-decided">
            {t('plan.decided', { who: plan.decidedBy ?? t('common.none'), time: dateTime(plan.decidedAt) })}
            {plan.decisionReason && ` · ${t('plan.decisionReason', { reason: plan.decisionReason })}`}
          </p>
        )}
      </div>
      <PlanStatusBadge status={plan.status} />
      <dl className="plan-facts">
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

function WhatIfBanner({ whatIf }: { whatIf: WhatIf | null }) {
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

function SummaryCompare({ summary: s }: { summary: PlanSummary }) {
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

function WorkerLoads({ loads }: { loads: WorkerLoad[] }) {
  const { t } = useI18n();
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

interface DecisionProps {
  plan: CaseloadPlan;
  summary: PlanSummary;
  decidable: boolean;
  canAct: boolean;
  selection: Set<string>;
  clearSelection: () => void;
  reload: () => void;
}

function Decision({ plan, summary, decidable, canAct, selection, clearSelection, reload }: DecisionProps) {
  const { t } = useI18n();
  const [confirm, setConfirm] = useState<'all' | 'selected' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [approveState, approve] = useMutation<{ approveCaseloadPlan: ApproveResult }>(APPROVE_PLAN_MUTATION);
  const [rejectState, reject] = useMutation<{ rejectCaseloadPlan: RejectResult }>(REJECT_PLAN_MUTATION);
  const request = usePlanRequest();
  const working = approveState.fetching || rejectState.fetching;

  async function doApprove(which: 'all' | 'selected') {
    const householdIds = which === 'all' ? null : [...selection];
    const res = await approve({ planId: plan.id, expectedVersion: plan.version, householdIds });
    setConfirm(null);
    const payload = res.data?.approveCaseloadPlan;
    if (!payload) {
      setOutcome({ kind: 'error', message: networkMessage(res.error, t) });
      return;
    }
    switch (payload.__typename) {
      case 'ApproveCaseloadPlanSuccess':
        setOutcome({ kind: 'approved', activated: payload.activated, transferred: payload.transferred });
        clearSelection();
        reload();
        break;
      case 'StalePlan':
        setOutcome({ kind: 'stale', message: payload.message, changes: payload.changes });
        break;
      case 'StaleVersion':
        setOutcome({ kind: 'staleVersion', version: payload.currentVersion });
        reload();
        break;
      default:
        setOutcome({ kind: 'error', message: payload.message });
    }
  }

  async function doReject(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    const res = await reject({ planId: plan.id, expectedVersion: plan.version, reason: reason.trim() });
    const payload = res.data?.rejectCaseloadPlan;
    if (!payload) {
      setOutcome({ kind: 'error', message: networkMessage(res.error, t) });
      return;
    }
    setConfirm(null);
    switch (payload.__typename) {
      case 'RejectCaseloadPlanSuccess':
        setOutcome({ kind: 'rejected' });
        reload();
        break;
      case 'StaleVersion':
        setOutcome({ kind: 'staleVersion', version: payload.currentVersion });
        reload();
        break;
      case 'InvalidInput':
        setOutcome({ kind: 'error', message: payload.errors.map((e) => e.reason).join('; ') || payload.message });
        break;
      default:
        setOutcome({ kind: 'error', message: payload.message });
    }
  }

  return (
    <div className="decision" data-testid="plan-decision">
      {decidable && (
        <div className="decision-bar">
          <button
            type="button"
            className="primary"
            disabled={working}
            onClick={() => setConfirm('all')}
            data-testid="approve-all"
          >
            {t('plan.approveAll')}
          </button>
          <button
            type="button"
            disabled={working || selection.size === 0}
            onClick={() => setConfirm('selected')}
            data-testid="approve-selected"
          >
            {t('plan.approveSelected', { count: selection.size })}
          </button>
          {selection.size > 0 && (
            <button type="button" className="link" onClick={clearSelection}>
              {t('plan.clearSelection')}
            </button>
          )}
          <button
            type="button"
            className="danger"
            disabled={working}
            onClick={() => {
              setConfirm('reject');
              setReasonMissing(false);
            }}
            data-testid="reject"
          >
            {t('plan.reject')}
          </button>
        </div>
      )}
      {!canAct && !plan.isWhatIf && DECIDABLE_STATUSES.has(plan.status) && (
        <p className="muted" data-testid="plan-read-only">
          {t('plan.readOnly')}
        </p>
      )}

      {(confirm === 'all' || confirm === 'selected') && (
        <div className="confirm" role="alertdialog" aria-labelledby="approve-confirm-text" data-testid="approve-confirm-panel">
          <p id="approve-confirm-text">
            {confirm === 'all'
              ? t('plan.confirmAll', { new: summary.newCount, moved: summary.movedCount })
              : t('plan.confirmSelected', { count: selection.size })}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={working}
              onClick={() => void doApprove(confirm)}
              data-testid="approve-confirm"
            >
              {working ? t('plan.working') : t('plan.confirm')}
            </button>
            <button type="button" onClick={() => setConfirm(null)} disabled={working}>
              {t('plan.cancel')}
            </button>
          </div>
        </div>
      )}

      {confirm === 'reject' && (
        <form className="confirm" onSubmit={doReject} noValidate data-testid="reject-form">
          <label className="field">
            <span className="field-label">{t('plan.rejectReason')}</span>
            <textarea
              rows={2}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonMissing(false);
              }}
              aria-invalid={reasonMissing || undefined}
              data-testid="reject-reason"
            />
          </label>
          {reasonMissing && (
            <p className="field-error" role="alert">
              {t('plan.rejectNeedsReason')}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="danger" disabled={working} data-testid="reject-confirm">
              {working ? t('plan.working') : t('plan.rejectConfirm')}
            </button>
            <button type="button" onClick={() => setConfirm(null)} disabled={working}>
              {t('plan.cancel')}
            </button>
          </div>
        </form>
      )}

      {outcome && (
        <OutcomeNotice
          outcome={outcome}
          onRecompute={
            canAct
              ? () => void request.start({ scopeKind: plan.scopeKind, scopeId: plan.scopeId })
              : undefined
          }
          recomputing={request.sending || request.running != null}
        />
      )}
      <PlanRequestStatus request={request} />
    </div>
  );
}

function networkMessage(error: { networkError?: Error; graphQLErrors: { message: string }[]; message: string } | undefined, t: ReturnType<typeof useI18n>['t']): string {
  if (error?.networkError) return t('error.network');
  return error?.graphQLErrors[0]?.message ?? error?.message ?? '';
}

export function OutcomeNotice({
  outcome,
  onRecompute,
  recomputing = false,
}: {
  outcome: Outcome;
  onRecompute?: () => void;
  recomputing?: boolean;
}) {
  const { t, number } = useI18n();
  switch (outcome.kind) {
    case 'approved':
      return (
        <p className="notice notice-success" role="status" data-testid="approve-success">
          {t('plan.approved', { activated: number(outcome.activated), transferred: number(outcome.transferred) })}
        </p>
      );
    case 'rejected':
      return (
        <p className="notice" role="status" data-testid="reject-success">
          {t('plan.rejected')}
        </p>
      );
    case 'stale':
      return (
        <div className="notice notice-error stale" role="alert" data-testid="stale-plan">
          <strong>{t('plan.stale')}</strong>
          <p>{t('plan.staleHint')}</p>
          {outcome.changes.length > 0 ? (
            <ul data-testid="stale-changes">
              {outcome.changes.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          ) : (
            <p>{outcome.message}</p>
          )}
          {onRecompute && (
            <button type="button" className="primary" onClick={onRecompute} disabled={recomputing} data-testid="recompute">
              {t('plan.recompute')}
            </button>
          )}
        </div>
      );
    case 'staleVersion':
      return (
        <p className="notice notice-warn" role="alert" data-testid="stale-version">
          {t('plan.staleVersion', { version: outcome.version })}
        </p>
      );
    case 'error':
      return (
        <p className="notice notice-error" role="alert" data-testid="decision-error">
          {t('plan.refused', { message: outcome.message })}
        </p>
      );
  }
}
