import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { CASELOAD_ACT_ROLES, VISIT_ROLES, hasRole } from '../../app/roles';
import { formatDay } from '../../app/time';
import { useToday } from '../../app/today';
import { QueryError } from '../../components/QueryState';
import { useBrokenRuleText } from '../../app/refusal';
import type { MatchOutcome } from '../../graphql/graphql';
import {
  ACCEPT_MATCH_MUTATION,
  CASE_MATCHES_QUERY,
  CLOSE_MATCH_MUTATION,
  REJECT_MATCH_MUTATION,
  REOPEN_SUPPORT_MUTATION,
} from './casework.graphql';
import { useRefusalText } from './refusal';

const OUTCOMES: MatchOutcome[] = ['STABLE', 'EXITED', 'REFERRED', 'MOVED', 'DECEASED'];
const MONTHS = [6, 7, 8, 9, 10, 11, 12];

/**
 * 个案处置 on the household page: accept or reject a proposed match, close the active one
 * with its outcome (an exit starts a 6–12 month 渐退期), and during a transition the monthly
 * check and, when a warning appears, reopening support in one click.
 */
export function CaseworkPanel({ householdId }: { householdId: string }) {
  const { t, label, lang } = useI18n();
  const { user } = useAuth();
  const canDecide = hasRole(user, CASELOAD_ACT_ROLES);
  const canReopen = hasRole(user, VISIT_ROLES);
  const [{ data, error }, reload] = useQuery({
    query: CASE_MATCHES_QUERY,
    variables: { id: householdId, filter: { householdId } },
    pause: !canReopen,
    requestPolicy: 'cache-and-network',
  });
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refusal = useRefusalText();
  const violationText = useBrokenRuleText();
  const [, accept] = useMutation(ACCEPT_MATCH_MUTATION);
  const [, reopen] = useMutation(REOPEN_SUPPORT_MUTATION);
  const today = useToday();
  if (!canReopen) return null;

  const matches = data?.matches.edges.map((e) => e.node) ?? [];
  const proposed = matches.filter((m) => m.status === 'PROPOSED');
  const active = matches.find((m) => m.status === 'ACTIVE') ?? null;
  const exit = active
    ? null
    : (matches.find((m) => m.status === 'CLOSED' && m.transitionUntil != null && m.transitionUntil >= today) ?? null);
  const household = data?.household ?? null;
  const warned = household != null && household.warningLevel !== 'NONE';

  function after(message: string) {
    setProblem(null);
    setDone(message);
    reload({ requestPolicy: 'network-only' });
  }

  async function onAccept(matchId: string, version: number) {
    const res = await accept({ matchId, expectedVersion: version });
    const p = res.data?.acceptMatch;
    switch (p?.__typename) {
      case 'AcceptMatchSuccess':
        after(t('casework.accepted'));
        break;
      case undefined:
      case 'Conflict':
      case 'InvalidInput':
      case 'NotAllowedTransition':
      case 'NotFound':
      case 'RuleViolation':
      case 'StaleVersion':
        setProblem(refusal(p, res.error));
        break;
      default:
        unreachable(p);
    }
  }

  async function onReopen() {
    if (!household) return;
    const res = await reopen({ householdId, expectedVersion: household.version });
    const p = res.data?.reopenSupport;
    switch (p?.__typename) {
      case 'ReopenSupportSuccess':
        after(t('casework.reopened', { worker: p.match.worker?.name ?? '' }));
        break;
      case 'RuleViolation':
        // The former worker is full, on leave or has declared a conflict since: say which.
        setProblem(t('casework.err.REOPEN_RULES', { rules: p.rules.map(violationText).join('；') }));
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

  if (proposed.length === 0 && !active && !exit && !done && !problem && !error) return null;
  return (
    <section className="card card-wide casework" data-testid="casework-panel">
      <h2>{t('casework.title')}</h2>
      {error && <QueryError error={error} />}
      {done && (
        <p className="notice notice-success" role="status" data-testid="casework-done">
          {done}
        </p>
      )}
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="casework-error">
          {problem}
        </p>
      )}
      {canDecide &&
        proposed.map((m) => (
          <div key={m.id} className="casework-row" data-testid="casework-proposed">
            <span>{t('casework.proposed', { worker: m.worker?.name ?? '' })}</span>
            <button type="button" className="primary" onClick={() => onAccept(m.id, m.version)} data-testid="casework-accept">
              {t('casework.accept')}
            </button>
            <RejectButton matchId={m.id} version={m.version} onDone={after} onProblem={setProblem} />
          </div>
        ))}
      {canDecide && active && (
        <CloseForm
          matchId={active.id}
          version={active.version}
          onDone={(until) =>
            after(until ? t('casework.closedExit', { date: formatDay(until, lang) }) : t('casework.closed'))
          }
          onProblem={setProblem}
        />
      )}
      {exit && exit.transitionUntil && (
        <div className={warned ? 'notice notice-warning' : 'notice'} data-testid="casework-transition">
          <p>
            <strong>{t('casework.transition', { date: formatDay(exit.transitionUntil, lang) })}</strong>
            {exit.followUpDue && <> · {t('casework.transitionNext', { date: formatDay(exit.followUpDue, lang) })}</>}
          </p>
          {warned && (
            <p data-testid="casework-transition-warning">
              {label('WarningLevel', household?.warningLevel)} · {t('casework.transitionWarning')}
            </p>
          )}
          <div className="form-actions">
            <Link to={`/matches/${encodeURIComponent(exit.id)}/visit`} className="button-link" data-testid="casework-transition-visit">
              {t('casework.transitionVisit')}
            </Link>
            <button type="button" className={warned ? 'primary' : undefined} onClick={onReopen} data-testid="casework-reopen">
              {t('casework.reopen')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

interface ActionProps {
  matchId: string;
  version: number;
  onProblem: (message: string) => void;
}

function RejectButton({ matchId, version, onDone, onProblem }: ActionProps & { onDone: (m: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [state, reject] = useMutation(REJECT_MATCH_MUTATION);
  const refusal = useRefusalText();
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="casework-reject">
        {t('casework.reject')}
      </button>
    );
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 2) return onProblem(t('casework.required'));
    const res = await reject({ matchId, expectedVersion: version, reason: reason.trim() });
    const p = res.data?.rejectMatch;
    switch (p?.__typename) {
      case 'RejectMatchSuccess':
        onDone(t('casework.rejected'));
        break;
      case undefined:
      case 'Conflict':
      case 'InvalidInput':
      case 'NotAllowedTransition':
      case 'NotFound':
      case 'RuleViolation':
      case 'StaleVersion':
        onProblem(refusal(p, res.error));
        break;
      default:
        unreachable(p);
    }
  }
  return (
    <form onSubmit={submit} className="inline-form" noValidate>
      <input
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('casework.rejectReason')}
        aria-label={t('casework.rejectReason')}
        data-testid="casework-reject-reason"
      />
      <button type="submit" disabled={state.fetching} data-testid="casework-reject-submit">
        {t('casework.reject')}
      </button>
    </form>
  );
}

function CloseForm({ matchId, version, onDone, onProblem }: ActionProps & { onDone: (until: string | null) => void }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<MatchOutcome | ''>('');
  const [note, setNote] = useState('');
  const [months, setMonths] = useState(6);
  const [state, close] = useMutation(CLOSE_MATCH_MUTATION);
  const refusal = useRefusalText();
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="casework-close">
        {t('casework.close')}
      </button>
    );
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!outcome || (outcome === 'REFERRED' && !note.trim())) return onProblem(t('casework.required'));
    const res = await close({
      matchId,
      expectedVersion: version,
      outcome,
      note: note.trim() || null,
      transitionMonths: outcome === 'EXITED' ? months : null,
    });
    const p = res.data?.closeMatch;
    switch (p?.__typename) {
      case 'CloseMatchSuccess':
        setOpen(false);
        onDone(p.transitionUntil ?? null);
        break;
      case 'NotAllowedTransition':
      case 'StaleVersion':
      case 'InvalidInput':
      case 'NotFound':
      case 'Conflict':
      case 'RuleViolation':
      case undefined:
        onProblem(refusal(p, res.error));
        break;
      default:
        unreachable(p);
    }
  }
  return (
    <form className="casework-close" onSubmit={submit} noValidate data-testid="casework-close-form">
      <h3>{t('casework.closeTitle')}</h3>
      <label className="field">
        <span className="field-label">{t('casework.outcome')}</span>
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as MatchOutcome)} data-testid="casework-outcome">
          <option value="">{t('casework.chooseOutcome')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {label('MatchOutcome', o)}
            </option>
          ))}
        </select>
      </label>
      {outcome === 'EXITED' && (
        <label className="field">
          <span className="field-label">{t('casework.months')}</span>
          <select value={months} onChange={(e) => setMonths(Number(e.target.value))} data-testid="casework-months">
            {MONTHS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <span className="muted small">{t('casework.monthsHint')}</span>
        </label>
      )}
      <label className="field">
        <span className="field-label">{t('casework.note')}</span>
        <textarea
          rows={2}
          value={note}
          placeholder={t('casework.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
          data-testid="casework-note"
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={state.fetching} data-testid="casework-close-submit">
          {t('casework.closeSubmit')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('casework.cancel')}
        </button>
      </div>
    </form>
  );
}
