// Approving (all or a selection) or rejecting a proposed plan, and what came of it.
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { commonRefusalText } from '../../app/refusal';
import { PlanRequestStatus, usePlanRequest } from './PlanRequest';
import { DECIDABLE_STATUSES, type CaseloadPlan, type PlanSummary } from './types';
import { APPROVE_PLAN_MUTATION, REJECT_PLAN_MUTATION } from './caseload.graphql';
import { requestErrorText } from '../../components/QueryState';
import { OutcomeNotice, type Outcome } from './OutcomeNotice';

interface DecisionProps {
  plan: CaseloadPlan;
  summary: PlanSummary;
  decidable: boolean;
  canAct: boolean;
  selection: Set<string>;
  clearSelection: () => void;
  reload: () => void;
}

/** How long a click waits for the server before the page says so and offers a retry. */
export const APPROVE_PATIENCE_MS = 10_000;

export function Decision({ plan, summary, decidable, canAct, selection, clearSelection, reload }: DecisionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [confirm, setConfirm] = useState<'all' | 'selected' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [approveState, approve] = useMutation(APPROVE_PLAN_MUTATION);
  const [rejectState, reject] = useMutation(REJECT_PLAN_MUTATION);
  const request = usePlanRequest();
  const working = approveState.fetching || rejectState.fetching;
  // One key per decision: a retried click (no answer in time) sends the same key, so the
  // server returns the decision already made instead of applying it twice.
  const attempt = useRef<{ key: string; which: 'all' | 'selected'; keepValid: boolean } | null>(null);

  function newAttempt(which: 'all' | 'selected', keepValid: boolean) {
    const key = `${plan.id}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 10)}`;
    attempt.current = { key, which, keepValid };
    return attempt.current;
  }

  async function doApprove(which: 'all' | 'selected', keepValid = false, retry = false) {
    const current = retry && attempt.current ? attempt.current : newAttempt(which, keepValid);
    const householdIds = current.which === 'all' ? null : [...selection];
    const sent = approve(
      {
        planId: plan.id,
        expectedVersion: plan.version,
        householdIds,
        keepValid: current.keepValid,
        idempotencyKey: current.key,
      },
      { requestPolicy: 'network-only' },
    );
    const timer = window.setTimeout(() => {
      if (attempt.current === current) setOutcome({ kind: 'noAnswer' });
    }, APPROVE_PATIENCE_MS);
    const res = await sent;
    window.clearTimeout(timer);
    setConfirm(null);
    const payload = res.data?.approveCaseloadPlan;
    if (!payload) {
      setOutcome({ kind: 'error', message: requestErrorText(i18n, res.error) });
      return;
    }
    switch (payload.__typename) {
      case 'ApproveCaseloadPlanSuccess':
        setOutcome({
          kind: 'approved',
          activated: payload.activated,
          transferred: payload.transferred,
          setAside: payload.setAside,
        });
        clearSelection();
        reload();
        break;
      case 'StalePlan':
        setOutcome({ kind: 'stale', changes: payload.changes, items: payload.items });
        break;
      case 'StaleVersion':
        setOutcome({ kind: 'staleVersion', version: payload.currentVersion });
        reload();
        break;
      case 'InvalidInput':
      case 'NotFound':
      case 'Conflict':
        setOutcome({ kind: 'error', message: commonRefusalText(i18n, payload, ['plan.err.']) });
        break;
      default:
        unreachable(payload);
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
      setOutcome({ kind: 'error', message: requestErrorText(i18n, res.error) });
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
      case 'NotFound':
      case 'Conflict':
        setOutcome({ kind: 'error', message: commonRefusalText(i18n, payload, ['plan.err.']) });
        break;
      default:
        unreachable(payload);
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
      {plan.status === 'SUPERSEDED' && (
        <p className="notice" data-testid="plan-superseded">
          {t('planAside.superseded')}{' '}
          {plan.supersededBy && (
            <Link to={`/caseload/plans/${encodeURIComponent(plan.supersededBy)}`}>{t('planAside.openNewer')} ›</Link>
          )}
        </p>
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
              ? () => void request.start({ scopeKind: plan.scopeKind, scopeId: plan.scopeId, balance: plan.balancePriority })
              : undefined
          }
          recomputing={request.sending || request.running != null || working}
          onApproveValid={
            canAct && decidable && outcome.kind === 'stale'
              ? () => void doApprove(attempt.current?.which ?? 'all', true)
              : undefined
          }
          onRetry={outcome.kind === 'noAnswer' ? () => void doApprove('all', false, true) : undefined}
        />
      )}
      <PlanRequestStatus request={request} />
    </div>
  );
}

