import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { IMPORT_ROLES, hasRole } from '../../app/roles';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import { Loading, QueryError } from '../../components/QueryState';
import type { IntakeChannel, IntakeFieldsFragment } from '../../graphql/graphql';
import { CLOSE_INTAKE_MUTATION, INTAKES_QUERY, RECORD_INTAKE_MUTATION } from './intake.graphql';
import { useRefusalText } from './refusal';
import { INTAKE_CHANNEL } from './labels';

const CHANNELS: IntakeChannel[] = ['WALK_IN', 'HOTLINE'];

/** /intakes — 首问负责: record a walk-in or hotline request (it is yours until handed over). */
export function IntakePage() {
  const { t } = useI18n();
  const [mine, setMine] = useState(true);
  const [{ data, error, fetching }, reload] = useQuery({
    query: INTAKES_QUERY,
    variables: { mine, openOnly: true },
  });
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const items = data?.intakes ?? [];
  return (
    <section className="page" data-testid="intake-page">
      <h1>{t('intake.title')}</h1>
      <IntakeForm townships={data?.regions ?? []} onDone={refresh} />
      <div className="segmented" role="group">
        {[true, false].map((m) => (
          <button
            key={String(m)}
            type="button"
            className={mine === m ? 'on' : undefined}
            aria-pressed={mine === m}
            onClick={() => setMine(m)}
          >
            {m ? t('intake.mine') : t('intake.all')}
          </button>
        ))}
      </div>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && items.length === 0 && <p className="muted">{t('intake.empty')}</p>}
      <ul className="referral-list" data-testid="intake-list">
        {items.map((i) => (
          <IntakeItem key={i.id} intake={i} onChanged={refresh} />
        ))}
      </ul>
    </section>
  );
}

function IntakeForm({ townships, onDone }: { townships: { id: string; name: string }[]; onDone: () => void }) {
  const { t } = useI18n();
  const [channel, setChannel] = useState<IntakeChannel>('WALK_IN');
  const [townshipId, setTownshipId] = useState('');
  const [summary, setSummary] = useState('');
  const [days, setDays] = useState(3);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, record] = useMutation(RECORD_INTAKE_MUTATION);
  const refusal = useRefusalText();
  const township = townshipId || townships[0]?.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!summary.trim() || !township) return setProblem(t('casework.required'));
    const res = await record({ input: { channel, townshipId: township, summary: summary.trim(), days } });
    const p = res.data?.recordIntake;
    switch (p?.__typename) {
      case 'RecordIntakeSuccess':
        setSummary('');
        setProblem(null);
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
    <form className="referral-form card" onSubmit={submit} noValidate data-testid="intake-form">
      <h2>{t('intake.new')}</h2>
      <label className="field">
        <span className="field-label">{t('intake.channel')}</span>
        <select value={channel} onChange={(e) => setChannel(e.target.value as IntakeChannel)} data-testid="intake-channel">
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(INTAKE_CHANNEL[c])}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('intake.township')}</span>
        <select value={township} onChange={(e) => setTownshipId(e.target.value)} data-testid="intake-township">
          {townships.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('intake.summary')}</span>
        <textarea rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} data-testid="intake-summary" />
      </label>
      <label className="field">
        <span className="field-label">{t('intake.days')}</span>
        <input type="number" min={1} max={10} value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="intake-days" />
      </label>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={state.fetching} data-testid="intake-submit">
        {t('intake.submit')}
      </button>
    </form>
  );
}

function IntakeItem({ intake: i, onChanged }: { intake: IntakeFieldsFragment; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [state, close] = useMutation(CLOSE_INTAKE_MUTATION);
  const refusal = useRefusalText();
  const { user } = useAuth();

  async function answer(event: FormEvent) {
    event.preventDefault();
    if (!note.trim()) return setProblem(t('casework.required'));
    const res = await close({ intakeId: i.id, expectedVersion: i.version, outcome: 'ANSWERED', note: note.trim() });
    const p = res.data?.closeIntake;
    switch (p?.__typename) {
      case 'CloseIntakeSuccess':
        onChanged();
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
    <li className={`referral${i.overdue ? ' overdue' : ''}`} data-testid="intake-item">
      <div className="referral-head">
        <strong>{t(INTAKE_CHANNEL[i.channel])}</strong>
        <span className="muted small">{t('referral.due', { date: formatDay(i.dueOn, lang) })}</span>
        {i.overdue && <span className="badge overdue-badge">{t('referral.overdue')}</span>}
        {i.ownerName && <span className="muted small">{t('intake.owner', { name: i.ownerName })}</span>}
      </div>
      <p>{i.summary}</p>
      {hasRole(user, IMPORT_ROLES) && (
        <p>
          <Link to={`/households/new?intake=${encodeURIComponent(i.id)}&v=${i.version}`} data-testid="intake-to-household">
            {t('intake.toHousehold')}
          </Link>
        </p>
      )}
      <form onSubmit={answer} className="inline-form" noValidate>
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('intake.answerNote')} aria-label={t('intake.answerNote')} />
        <button type="submit" disabled={state.fetching}>
          {t('intake.answered')}
        </button>
      </form>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
