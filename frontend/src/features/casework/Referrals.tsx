import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { MATCH_ROLES, VISIT_ROLES, hasRole } from '../../app/roles';
import { formatDay } from '../../app/time';
import { QueryError } from '../../components/QueryState';
import type { Department, ReferralAnswer, ReferralFieldsFragment, ReferralTarget } from '../../graphql/graphql';
import {
  ANSWER_REFERRAL_MUTATION,
  CREATE_REFERRAL_MUTATION,
  HOUSEHOLD_REFERRALS_QUERY,
  REFERRAL_TARGETS_QUERY,
} from './casework.graphql';
import { useRefusalText } from './refusal';
import { REFERRAL_ANSWER, REFERRAL_STATUS } from './labels';

const TARGETS: ReferralTarget[] = ['DEPARTMENT', 'STATION', 'CHARITY'];
const DEPARTMENTS: Department[] = ['MEDICAL_INSURANCE', 'EDUCATION', 'HOUSING', 'EMPLOYMENT', 'DISABLED_FEDERATION'];

/** 转介 on the household page: its referrals, a new one, and their answers. */
export function HouseholdReferrals({ householdId }: { householdId: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [{ data, error }, reload] = useQuery({
    query: HOUSEHOLD_REFERRALS_QUERY,
    variables: { householdId },
    pause: !hasRole(user, MATCH_ROLES),
  });
  const [open, setOpen] = useState(false);
  if (!hasRole(user, MATCH_ROLES)) return null;
  const canAct = hasRole(user, VISIT_ROLES);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const items = data?.householdReferrals ?? [];
  return (
    <section className="card card-wide" data-testid="household-referrals">
      <div className="card-head">
        <h2>{t('referral.title')}</h2>
        {canAct && !open && (
          <button type="button" onClick={() => setOpen(true)} data-testid="referral-new">
            {t('referral.new')}
          </button>
        )}
      </div>
      {error && <QueryError error={error} />}
      {open && <ReferralForm householdId={householdId} onDone={() => (setOpen(false), refresh())} onCancel={() => setOpen(false)} />}
      {data && items.length === 0 && <p className="muted">{t('referral.none')}</p>}
      {items.length > 0 && (
        <ul className="referral-list">
          {items.map((r, i) => (
            <ReferralItem key={i} referral={r} canAct={canAct} onChanged={refresh} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Where a referral goes, in words: the station or charity by name, a department by label. */
export function useReferralTarget() {
  const { label } = useI18n();
  return (r: { targetKind: ReferralTarget; department?: Department | null; targetName?: string | null }) =>
    r.targetKind === 'DEPARTMENT' && r.department
      ? label('Department', r.department)
      : `${label('ReferralTarget', r.targetKind)} · ${r.targetName ?? ''}`;
}

export function ReferralItem({
  referral,
  canAct,
  onChanged,
  extra,
}: {
  referral: ReferralFieldsFragment;
  canAct: boolean;
  onChanged: () => void;
  extra?: ReactNode;
}) {
  const r = referral;
  const { t, lang } = useI18n();
  const target = useReferralTarget();
  const [answering, setAnswering] = useState<ReferralAnswer | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [state, answer] = useMutation(ANSWER_REFERRAL_MUTATION);
  const refusal = useRefusalText();
  const choices: ReferralAnswer[] = r.status === 'SENT' ? ['ACCEPT', 'REFUSE'] : r.status === 'ACCEPTED' ? ['FEEDBACK'] : [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!answering) return;
    const res = await answer({ referralId: r.id, expectedVersion: r.version, answer: answering, note: note.trim() || null });
    const p = res.data?.answerReferral;
    switch (p?.__typename) {
      case 'AnswerReferralSuccess':
        setAnswering(null);
        setNote('');
        setProblem(null);
        onChanged();
        break;
      case undefined:
      case 'Conflict':
      case 'InvalidInput':
      case 'NotAllowedTransition':
      case 'NotFound':
      case 'StaleVersion':
        setProblem(refusal(p, res.error));
        break;
      default:
        unreachable(p);
    }
  }

  return (
    <li className={`referral${r.overdue ? ' overdue' : ''}`} data-testid="referral-item" data-status={r.status}>
      <div className="referral-head">
        <strong>{target(r)}</strong>
        <span className="badge" data-testid="referral-status">
          {t(REFERRAL_STATUS[r.status])}
        </span>
        {r.open && <span className="muted small">{t('referral.due', { date: formatDay(r.dueOn, lang) })}</span>}
        {r.overdue && <span className="badge overdue-badge">{t('referral.overdue')}</span>}
      </div>
      {extra}
      <p>{r.request}</p>
      {r.note && <p className="muted small">{t('referral.noteLabel', { note: r.note })}</p>}
      {r.feedback && <p className="muted small">{t('referral.feedbackLabel', { feedback: r.feedback })}</p>}
      {canAct && choices.length > 0 && !answering && (
        <div className="form-actions">
          {choices.map((c) => (
            <button key={c} type="button" onClick={() => setAnswering(c)} data-testid={`referral-${c.toLowerCase()}`}>
              {t(REFERRAL_ANSWER[c])}
            </button>
          ))}
        </div>
      )}
      {answering && (
        <form onSubmit={submit} className="inline-form" noValidate>
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('referral.answerNote')}
            aria-label={t('referral.answerNote')}
            data-testid="referral-answer-note"
          />
          <button type="submit" className="primary" disabled={state.fetching} data-testid="referral-answer-submit">
            {t(REFERRAL_ANSWER[answering])}
          </button>
          <button type="button" onClick={() => setAnswering(null)}>
            {t('casework.cancel')}
          </button>
        </form>
      )}
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

function ReferralForm({ householdId, onDone, onCancel }: { householdId: string; onDone: () => void; onCancel: () => void }) {
  const { t, label } = useI18n();
  const [kind, setKind] = useState<ReferralTarget>('DEPARTMENT');
  const [department, setDepartment] = useState<Department | ''>('');
  const [targetId, setTargetId] = useState('');
  const [request, setRequest] = useState('');
  const [days, setDays] = useState(10);
  const [problem, setProblem] = useState<string | null>(null);
  const [targets] = useQuery({ query: REFERRAL_TARGETS_QUERY, pause: kind === 'DEPARTMENT' });
  const [state, create] = useMutation(CREATE_REFERRAL_MUTATION);
  const refusal = useRefusalText();
  const options =
    kind === 'STATION'
      ? (targets.data?.stations.edges.map((e) => e.node) ?? [])
      : (targets.data?.charities.edges.map((e) => e.node) ?? []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!request.trim() || (kind === 'DEPARTMENT' ? !department : !targetId)) return setProblem(t('casework.required'));
    const res = await create({
      input: {
        householdId,
        targetKind: kind,
        department: kind === 'DEPARTMENT' && department ? department : null,
        targetId: kind === 'DEPARTMENT' ? null : targetId,
        request: request.trim(),
        days,
      },
    });
    const p = res.data?.createReferral;
    switch (p?.__typename) {
      case 'CreateReferralSuccess':
        onDone();
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

  return (
    <form className="referral-form" onSubmit={submit} noValidate data-testid="referral-form">
      <label className="field">
        <span className="field-label">{t('referral.targetKind')}</span>
        <select
          value={kind}
          onChange={(e) => (setKind(e.target.value as ReferralTarget), setTargetId(''))}
          data-testid="referral-kind"
        >
          {TARGETS.map((k) => (
            <option key={k} value={k}>
              {label('ReferralTarget', k)}
            </option>
          ))}
        </select>
      </label>
      {kind === 'DEPARTMENT' ? (
        <label className="field">
          <span className="field-label">{t('referral.department')}</span>
          <select value={department} onChange={(e) => setDepartment(e.target.value as Department)} data-testid="referral-department">
            <option value="">{t('referral.choose')}</option>
            {DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {label('Department', d)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="field">
          <span className="field-label">{kind === 'STATION' ? t('referral.station') : t('referral.charity')}</span>
          <select value={targetId} onChange={(e) => setTargetId(e.target.value)} data-testid="referral-target">
            <option value="">{t('referral.choose')}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span className="field-label">{t('referral.request')}</span>
        <textarea
          rows={2}
          value={request}
          placeholder={t('referral.requestPlaceholder')}
          onChange={(e) => setRequest(e.target.value)}
          data-testid="referral-request"
        />
      </label>
      <label className="field">
        <span className="field-label">{t('referral.days')}</span>
        <input
          type="number"
          min={1}
          max={60}
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
          data-testid="referral-days"
        />
      </label>
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="referral-error">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={state.fetching} data-testid="referral-send">
          {t('referral.send')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('casework.cancel')}
        </button>
      </div>
    </form>
  );
}
