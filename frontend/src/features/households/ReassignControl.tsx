import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { commonRefusalText, useBrokenRuleText, type BrokenRule } from '../../app/refusal';
import { loadState } from '../../components/LoadBar';
import { REASSIGN_WORKERS_QUERY } from '../../components/workers.graphql';
import { REASSIGN_STATIONS_QUERY, REASSIGN_MUTATION } from './households.graphql';
import { requestErrorText } from '../../components/QueryState';


interface ReassignProps {
  householdId: string;
  townshipId: string;
  /** The station of the current worker, when there is one. */
  stationId: string | null;
  currentWorkerId: string | null;
}

/** 调整责任社工: pick a worker of the household's station, give a reason, optionally override. */
export function ReassignControl({ householdId, townshipId, stationId, currentWorkerId }: ReassignProps) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const [open, setOpen] = useState(false);
  const [workerId, setWorkerId] = useState('');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [violations, setViolations] = useState<BrokenRule[]>([]);
  const [overridable, setOverridable] = useState(true);
  const [done, setDone] = useState<{ name: string; first: boolean } | null>(null);
  const violationText = useBrokenRuleText();

  const [stations] = useQuery({
    query: REASSIGN_STATIONS_QUERY,
    variables: { first: 100 },
    pause: !open || stationId != null,
  });
  const station =
    stationId ?? stations.data?.stations.edges.map((e) => e.node).find((s) => s.township.id === townshipId)?.id ?? null;
  const [workers] = useQuery({
    query: REASSIGN_WORKERS_QUERY,
    variables: { first: 100, filter: station ? { stationId: station } : {} },
    pause: !open || (station == null && !stations.data),
  });
  const options = (workers.data?.socialWorkers.edges.map((e) => e.node) ?? []).filter((w) => w.id !== currentWorkerId);
  const [state, reassign] = useMutation(REASSIGN_MUTATION);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!workerId || !reason.trim()) {
      setProblem(t('reassign.required'));
      return;
    }
    setProblem(null);
    setViolations([]);
    setDone(null);
    const res = await reassign({ householdId, workerId, reason: reason.trim(), override });
    const payload = res.data?.reassignHousehold;
    switch (payload?.__typename) {
      case 'ReassignHouseholdSuccess':
        // Whether the household had a worker before this one, not after the page reloads it.
        setDone({ name: payload.household.worker?.name ?? '', first: !currentWorkerId });
        setWorkerId('');
        setReason('');
        setOverride(false);
        setOpen(false);
        break;
      case 'RuleViolation':
        setViolations(payload.rules);
        setOverridable(payload.overridable);
        break;
      case 'InvalidInput':
      case 'NotFound':
        setProblem(t('reassign.refused', { message: commonRefusalText(i18n, payload, ['reassign.err.']) }));
        break;
      case undefined:
        setProblem(requestErrorText(i18n, res.error));
        break;
      default:
        unreachable(payload);
    }
  }

  return (
    <div className="reassign" data-testid="reassign">
      {done != null && (
        <p className="notice notice-success" role="status" data-testid="reassign-done">
          {t(done.first ? 'reassign.assigned' : 'reassign.done', { name: done.name })}
        </p>
      )}
      {!open ? (
        <button type="button" onClick={() => setOpen(true)} data-testid="reassign-open">
          {t(currentWorkerId ? 'reassign.title' : 'reassign.assignTitle')}
        </button>
      ) : (
        <form className="reassign-form" onSubmit={submit} noValidate data-testid="reassign-form">
          <h3>{t(currentWorkerId ? 'reassign.title' : 'reassign.assignTitle')}</h3>
          <label className="field">
            <span className="field-label">{t('reassign.worker')}</span>
            <select value={workerId} onChange={(e) => setWorkerId(e.target.value)} data-testid="reassign-worker">
              <option value="">{t('reassign.choose')}</option>
              {options.map((w) => (
                <option key={w.id} value={w.id} data-state={loadState(w.currentLoad, w.caseloadLimit)}>
                  {w.name} · {t('workers.loadValue', { current: w.currentLoad, limit: w.caseloadLimit })} ·{' '}
                  {t('common.km', { km: number(w.reachKm, 1) })}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('reassign.reason')}</span>
            <textarea
              rows={2}
              value={reason}
              placeholder={t('reassign.reasonPlaceholder')}
              onChange={(e) => setReason(e.target.value)}
              data-testid="reassign-reason"
            />
          </label>
          <label className="field-check">
            <input
              type="checkbox"
              checked={override}
              onChange={(e) => setOverride(e.target.checked)}
              data-testid="reassign-override"
            />
            <span>{t('reassign.override')}</span>
          </label>
          {problem && (
            <p className="notice notice-error" role="alert" data-testid="reassign-error">
              {problem}
            </p>
          )}
          {violations.length > 0 && (
            <div className="notice notice-error" role="alert" data-testid="reassign-violations">
              <strong>{t('reassign.violations')}</strong>
              <ul>
                {violations.map((v, i) => (
                  <li key={i}>{violationText(v)}</li>
                ))}
              </ul>
              {overridable ? (
                !override && <p className="small">{t('reassign.overrideHint')}</p>
              ) : (
                <p className="small" data-testid="reassign-not-overridable">
                  {t('reassign.notOverridable')}
                </p>
              )}
            </div>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={state.fetching} data-testid="reassign-submit">
              {t('reassign.submit')}
            </button>
            <button type="button" onClick={() => setOpen(false)} disabled={state.fetching}>
              {t('plan.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
