import './volunteering.css';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { formatDay, shiftDay } from '../../app/time';
import { useToday } from '../../app/today';
import type { CareTaskKind } from '../../graphql/graphql';
import { fieldProblems, refusal } from './errors';
import { CREATE_CARE_TASK_MUTATION, HOUSEHOLD_CARE_TASKS_QUERY } from './volunteering.graphql';
import { DateInput } from '../../components/DateInput';
import { requestErrorText } from '../../components/QueryState';

const KINDS: CareTaskKind[] = ['COMPANY_VISIT', 'ERRAND', 'DAILY_CARE', 'HEALTH_CHECK', 'TUTORING', 'ELDERLY_CARE', 'LEGAL_HELP'];

/** 志愿者小任务 on the household page: what volunteers did, and setting a new task. */
export function HouseholdCareTasks({ householdId, canSet }: { householdId: string; canSet: boolean }) {
  const { t, lang, label } = useI18n();
  const [tasks, refetch] = useQuery({ query: HOUSEHOLD_CARE_TASKS_QUERY, variables: { householdId } });
  const [, create] = useMutation(CREATE_CARE_TASK_MUTATION);
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<CareTaskKind>('COMPANY_VISIT');
  const [what, setWhat] = useState('');
  const today = useToday();
  const [dueOn, setDueOn] = useState(shiftDay(today, 1));
  const [window, setWindow] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await create({ input: { householdId, kind, what: what.trim(), dueOn, window: window.trim() || null } });
    const r = res.data?.createCareTask;
    if (!r) return setMessage({ ok: false, text: requestErrorText({ t }, res.error) });
    switch (r.__typename) {
      case 'CreateCareTaskSuccess':
        setMessage({ ok: true, text: t('vol.household.created') });
        setAdding(false);
        setWhat('');
        refetch({ requestPolicy: 'network-only' });
        break;
      case 'InvalidInput':
        setMessage({ ok: false, text: Object.values(fieldProblems(t, r.errors)).join(' ') });
        break;
      case 'NotFound':
        setMessage({ ok: false, text: refusal(t, r.code) });
        break;
      default:
        unreachable(r);
    }
  };

  const list = tasks.data?.householdCareTasks ?? [];
  return (
    <section className="card" data-testid="household-care-tasks">
      <h2>{t('vol.household.title')}</h2>
      {list.length === 0 && <p className="muted">{t('vol.household.none')}</p>}
      <ul className="vol-cards">
        {list.map((task) => (
          <li key={task.id} className="vol-card">
            <div className="vol-card-head">
              <strong>{label('CareTaskKind', task.kind)}</strong>
              <span className="badge">{label('CareTaskStatus', task.status)}</span>
            </div>
            <p>{task.what}</p>
            <p className="muted">
              {formatDay(task.dueOn, lang)}
              {task.window ? ` ${task.window}` : ''}
              {task.volunteerName ? ` · ${t('vol.household.by', { name: task.volunteerName })}` : ''}
            </p>
            {task.note && <p className="vol-done">{t('vol.doneNote', { note: task.note, minutes: task.minutes ?? 0 })}</p>}
          </li>
        ))}
      </ul>
      {message && <p className={message.ok ? 'notice' : 'notice notice-error'}>{message.text}</p>}
      {canSet && !adding && (
        <button type="button" onClick={() => setAdding(true)} data-testid="care-task-add">
          {t('vol.household.add')}
        </button>
      )}
      {adding && (
        <form className="vol-form" onSubmit={(e) => void submit(e)} noValidate>
          <label>
            {t('vol.household.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as CareTaskKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {label('CareTaskKind', k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('vol.household.what')}
            <textarea rows={2} maxLength={200} value={what} onChange={(e) => setWhat(e.target.value)} />
          </label>
          <label>
            {t('vol.household.dueOn')}
            <DateInput value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
          </label>
          <label>
            {t('vol.household.window')}
            <input value={window} onChange={(e) => setWindow(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            {t('vol.household.add')}
          </button>
        </form>
      )}
    </section>
  );
}
