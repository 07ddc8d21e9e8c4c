import { useState, type FormEvent } from 'react';
import { gql, useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import type { Connection } from '../../app/types';
import { loadState } from '../../components/LoadBar';

export const REASSIGN_STATIONS_QUERY = gql`
  query ReassignStations($first: Int!) {
    stations(first: $first) {
      edges {
        node {
          id
          name
          township {
            id
          }
        }
      }
    }
  }
`;

export const REASSIGN_WORKERS_QUERY = gql`
  query ReassignWorkers($first: Int!, $filter: SocialWorkerFilter) {
    socialWorkers(first: $first, filter: $filter) {
      edges {
        node {
          id
          name
          caseloadLimit
          currentLoad
          reachKm
        }
      }
    }
  }
`;

export const REASSIGN_MUTATION = gql`
  mutation ReassignHousehold($householdId: ID!, $workerId: ID!, $reason: String!, $override: Boolean!) {
    reassignHousehold(householdId: $householdId, workerId: $workerId, reason: $reason, override: $override) {
      __typename
      ... on ReassignHouseholdSuccess {
        household {
          id
          version
          worker {
            id
            name
            caseloadLimit
            currentLoad
          }
        }
      }
      ... on RuleViolation {
        message
        field
        code
        violations
        overridable
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
      ... on NotFound {
        message
        field
        code
      }
    }
  }
`;

interface WorkerOption {
  id: string;
  name: string;
  caseloadLimit: number;
  currentLoad: number;
  reachKm: number;
}

type ReassignResult =
  | { __typename: 'ReassignHouseholdSuccess'; household: { id: string; worker: { id: string; name: string } | null } }
  | { __typename: 'RuleViolation'; message: string; violations: string[]; overridable: boolean }
  | { __typename: 'InvalidInput'; message: string; errors: { field: string; reason: string }[] }
  | { __typename: 'NotFound'; message: string };

/**
 * A violation as the server words it: a bare code (OUT_OF_REACH), or "CODE: detail".
 * Known codes are translated; the rest is shown as it comes.
 */
export function useViolationText() {
  const { label } = useI18n();
  return (v: string): string => {
    const m = /^([A-Z][A-Z_]+)(?:\s*[:：-]\s*(.*))?$/s.exec(v.trim());
    if (!m) return v;
    const translated = label('RuleViolationCode', m[1]);
    if (translated === m[1]) return v;
    return m[2] ? `${translated}（${m[2]}）` : translated;
  };
}

interface ReassignProps {
  householdId: string;
  townshipId: string;
  /** The station of the current worker, when there is one. */
  stationId: string | null;
  currentWorkerId: string | null;
}

/** 调整责任社工: pick a worker of the household's station, give a reason, optionally override. */
export function ReassignControl({ householdId, townshipId, stationId, currentWorkerId }: ReassignProps) {
  const { t, number } = useI18n();
  const [open, setOpen] = useState(false);
  const [workerId, setWorkerId] = useState('');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [violations, setViolations] = useState<string[]>([]);
  const [overridable, setOverridable] = useState(true);
  const [done, setDone] = useState<string | null>(null);
  const violationText = useViolationText();

  const [stations] = useQuery<{ stations: Connection<{ id: string; name: string; township: { id: string } }> }>({
    query: REASSIGN_STATIONS_QUERY,
    variables: { first: 100 },
    pause: !open || stationId != null,
  });
  const station =
    stationId ?? stations.data?.stations.edges.map((e) => e.node).find((s) => s.township.id === townshipId)?.id ?? null;
  const [workers] = useQuery<{ socialWorkers: Connection<WorkerOption> }>({
    query: REASSIGN_WORKERS_QUERY,
    variables: { first: 100, filter: station ? { stationId: station } : {} },
    pause: !open || (station == null && !stations.data),
  });
  const options = (workers.data?.socialWorkers.edges.map((e) => e.node) ?? []).filter((w) => w.id !== currentWorkerId);
  const [state, reassign] = useMutation<{ reassignHousehold: ReassignResult }>(REASSIGN_MUTATION);

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
        setDone(payload.household.worker?.name ?? '');
        setWorkerId('');
        setReason('');
        setOverride(false);
        setOpen(false);
        break;
      case 'RuleViolation':
        setViolations(payload.violations.length > 0 ? payload.violations : [payload.message]);
        setOverridable(payload.overridable);
        break;
      case 'InvalidInput':
        setProblem(t('reassign.refused', { message: payload.errors.map((e) => e.reason).join('; ') || payload.message }));
        break;
      case 'NotFound':
        setProblem(t('reassign.refused', { message: payload.message }));
        break;
      default:
        setProblem(
          res.error?.networkError
            ? t('error.network')
            : t('error.generic', { message: res.error?.graphQLErrors[0]?.message ?? res.error?.message ?? '' }),
        );
    }
  }

  return (
    <div className="reassign" data-testid="reassign">
      {done != null && (
        <p className="notice notice-success" role="status" data-testid="reassign-done">
          {t('reassign.done', { name: done })}
        </p>
      )}
      {!open ? (
        <button type="button" onClick={() => setOpen(true)} data-testid="reassign-open">
          {t('reassign.title')}
        </button>
      ) : (
        <form className="reassign-form" onSubmit={submit} noValidate data-testid="reassign-form">
          <h3>{t('reassign.title')}</h3>
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
