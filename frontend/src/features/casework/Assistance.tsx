import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { CASELOAD_ACT_ROLES, MATCH_ROLES, VISIT_ROLES, hasRole } from '../../app/roles';
import { formatDay } from '../../app/time';
import { QueryError } from '../../components/QueryState';
import { DECIDE_ASSISTANCE_MUTATION, HOUSEHOLD_ASSISTANCE_QUERY, REQUEST_ASSISTANCE_MUTATION } from './assistance.graphql';
import { useRefusalText } from './refusal';

/** 救急难 on the household page: ask for 临时救助; the station manager decides it today. */
export function AssistancePanel({ householdId }: { householdId: string }) {
  const { t, lang, number } = useI18n();
  const { user } = useAuth();
  const [{ data, error }, reload] = useQuery({
    query: HOUSEHOLD_ASSISTANCE_QUERY,
    variables: { householdId },
    pause: !hasRole(user, MATCH_ROLES),
  });
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, ask] = useMutation(REQUEST_ASSISTANCE_MUTATION);
  const [deciding, decide] = useMutation(DECIDE_ASSISTANCE_MUTATION);
  const refusal = useRefusalText();
  if (!hasRole(user, MATCH_ROLES)) return null;
  const canAsk = hasRole(user, VISIT_ROLES);
  const canDecide = hasRole(user, CASELOAD_ACT_ROLES);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const items = data?.householdAssistance ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const yuan = Number(amount);
    if (!reason.trim() || !Number.isInteger(yuan) || yuan < 1) return setProblem(t('casework.required'));
    const res = await ask({ householdId, amountYuan: yuan, reason: reason.trim() });
    const p = res.data?.requestTemporaryAssistance;
    switch (p?.__typename) {
      case 'RequestTemporaryAssistanceSuccess':
        setAmount('');
        setReason('');
        setProblem(null);
        refresh();
        break;
      case undefined:
      case 'InvalidInput':
      case 'NotFound':
        setProblem(refusal(p, res.error));
        break;
      default:
        unreachable(p);
    }
  }

  async function onDecide(id: string, version: number, approve: boolean) {
    const note = approve ? null : window.prompt(t('assistance.refuseReason')) ?? '';
    const res = await decide({ assistanceId: id, expectedVersion: version, approve, note });
    const p = res.data?.decideTemporaryAssistance;
    switch (p?.__typename) {
      case 'DecideTemporaryAssistanceSuccess':
        refresh();
        break;
      case undefined:
      case 'Conflict':
      case 'InvalidInput':
      case 'NotFound':
      case 'StaleVersion':
        setProblem(refusal(p, res.error));
        break;
      default:
        unreachable(p);
    }
  }

  return (
    <section className="card card-wide" data-testid="household-assistance">
      <h2>{t('assistance.title')}</h2>
      {error && <QueryError error={error} />}
      {items.length > 0 && (
        <ul className="referral-list">
          {items.map((a) => (
            <li key={a.id} className="referral" data-testid="assistance-item" data-status={a.status}>
              <div className="referral-head">
                <strong>{t('assistance.amount', { amount: number(a.amountYuan) })}</strong>
                <span className="badge">{t(`assistance.status.${a.status}` as MessageKey)}</span>
                <span className="muted small">{formatDay(a.requestedOn, lang)}</span>
                {a.sameDay && <span className="muted small">{t('assistance.sameDay')}</span>}
              </div>
              <p>{a.reason}</p>
              {a.note && <p className="muted small">{a.note}</p>}
              {canDecide && a.status === 'REQUESTED' && (
                <div className="form-actions">
                  <button type="button" className="primary" disabled={deciding.fetching} onClick={() => onDecide(a.id, a.version, true)} data-testid="assistance-approve">
                    {t('assistance.approve')}
                  </button>
                  <button type="button" disabled={deciding.fetching} onClick={() => onDecide(a.id, a.version, false)}>
                    {t('assistance.refuse')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAsk && (
        <form className="inline-form" onSubmit={submit} noValidate data-testid="assistance-form">
          <input
            type="number"
            min={1}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            placeholder={t('assistance.amountLabel')}
            aria-label={t('assistance.amountLabel')}
            data-testid="assistance-amount"
          />
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('assistance.reason')}
            aria-label={t('assistance.reason')}
            data-testid="assistance-reason"
          />
          <button type="submit" disabled={asking.fetching} data-testid="assistance-submit">
            {t('assistance.ask')}
          </button>
        </form>
      )}
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

/** Approved 临时救助 on the 幸福清单: when, how much, why. */
export function StatementAssistance({ householdId }: { householdId: string }) {
  const { t, lang, number } = useI18n();
  const [{ data }] = useQuery({ query: HOUSEHOLD_ASSISTANCE_QUERY, variables: { householdId } });
  const rows = (data?.householdAssistance ?? []).filter((a) => a.status === 'APPROVED');
  if (rows.length === 0) return null;
  return (
    <section className="statement-section" data-testid="statement-assistance">
      <h2>
        {t('assistance.title')} <span className="muted small">({rows.length})</span>
      </h2>
      <table className="statement-table">
        <thead>
          <tr>
            <th>{t('statement.date')}</th>
            <th className="num">{t('statement.amount')}</th>
            <th>{t('assistance.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>{formatDay(a.decidedOn ?? a.requestedOn, lang)}</td>
              <td className="num">{t('assistance.amount', { amount: number(a.amountYuan) })}</td>
              <td>{a.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
