import './volunteering.css';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import { useToday } from '../../app/today';
import { Loading, QueryError, requestErrorText } from '../../components/QueryState';
import type { CareTasksForMeQuery } from '../../graphql/graphql';
import { AvailabilityForm } from './AvailabilityForm';
import { fieldProblems, refusal } from './errors';
import {
  CARE_TASKS_FOR_ME_QUERY,
  RECORD_CARE_TASK_MUTATION,
  RELEASE_CARE_TASK_MUTATION,
  TAKE_CARE_TASK_MUTATION,
} from './volunteering.graphql';
import { DateInput } from '../../components/DateInput';

type Task = CareTasksForMeQuery['careTasksForMe'][number];
type Notice = { ok: boolean; text: string } | null;

/** 志愿任务: a phone-first page. Open tasks that fit, then the volunteer's own. */
export function VolunteerTasksPage() {
  const { t } = useI18n();
  const [tasks, refetch] = useQuery({ query: CARE_TASKS_FOR_ME_QUERY, requestPolicy: 'cache-and-network' });
  const [notice, setNotice] = useState<Notice>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (tasks.error) return <QueryError error={tasks.error} />;
  if (!tasks.data) return <Loading />;
  const all = tasks.data.careTasksForMe;
  const open = all.filter((x) => !x.mine && x.status === 'OPEN');
  const mine = all.filter((x) => x.mine);
  return (
    <section className="vol-page" data-testid="vol-tasks">
      <h1>{t('vol.title')}</h1>
      <p className="muted">{t('vol.intro')}</p>
      {notice && (
        <p className={notice.ok ? 'notice' : 'notice notice-error'} role={notice.ok ? 'status' : 'alert'} data-testid="vol-notice">
          {notice.text}
        </p>
      )}
      <h2>{t('vol.mine')}</h2>
      {mine.length === 0 && <p className="muted">{t('vol.noneMine')}</p>}
      <ul className="vol-cards">
        {mine.map((task) => (
          <TaskCard key={task.id} task={task} onChanged={reload} setNotice={setNotice} />
        ))}
      </ul>
      <h2>{t('vol.open')}</h2>
      {open.length === 0 && <p className="muted">{t('vol.noneOpen')}</p>}
      <ul className="vol-cards">
        {open.map((task) => (
          <TaskCard key={task.id} task={task} onChanged={reload} setNotice={setNotice} />
        ))}
      </ul>
      <AvailabilityForm />
    </section>
  );
}

function TaskCard({
  task,
  onChanged,
  setNotice,
}: {
  task: Task;
  onChanged: () => void;
  setNotice: (n: Notice) => void;
}) {
  const { t, lang, number, label } = useI18n();
  const [recording, setRecording] = useState(false);
  const [, take] = useMutation(TAKE_CARE_TASK_MUTATION);
  const [, release] = useMutation(RELEASE_CARE_TASK_MUTATION);

  const act = async (which: 'take' | 'release') => {
    const vars = { id: task.id, version: task.version };
    const res = which === 'take' ? await take(vars) : await release(vars);
    const r = res.data && ('takeCareTask' in res.data ? res.data.takeCareTask : res.data.releaseCareTask);
    switch (r?.__typename) {
      case undefined:
        setNotice({ ok: false, text: requestErrorText({ t }, res.error) });
        break;
      case 'TakeCareTaskSuccess':
        setNotice({ ok: true, text: t('vol.taken') });
        break;
      case 'ReleaseCareTaskSuccess':
        setNotice({ ok: true, text: t('vol.released') });
        break;
      case 'StaleVersion':
        setNotice({ ok: false, text: t('vol.error.stale') });
        break;
      case 'NotFound':
        setNotice({ ok: false, text: t('vol.error.notFound') });
        break;
      case 'Conflict':
        setNotice({ ok: false, text: refusal(t, r.code) });
        break;
      default:
        unreachable(r);
    }
    onChanged();
  };

  return (
    <li className="vol-card" data-testid="vol-task" data-status={task.status}>
      <div className="vol-card-head">
        <strong>{label('CareTaskKind', task.kind)}</strong>
        <span className="badge">{label('CareTaskStatus', task.status)}</span>
      </div>
      <p>{task.what}</p>
      <p className="muted">
        {task.villageName} · {formatDay(task.dueOn, lang)}
        {task.window ? ` ${task.window}` : ''}
        {!task.mine && ` · ${t('vol.distance', { km: number(task.distanceKm, 1) })}`}
      </p>
      {task.status === 'DONE' && task.note && (
        <p className="vol-done">{t('vol.doneNote', { note: task.note, minutes: task.minutes ?? 0 })}</p>
      )}
      {!task.mine && task.status === 'OPEN' && (
        <button type="button" className="primary" onClick={() => void act('take')} data-testid="vol-take">
          {t('vol.take')}
        </button>
      )}
      {task.mine && task.status === 'TAKEN' && !recording && (
        <div className="vol-actions">
          <button type="button" className="primary" onClick={() => setRecording(true)} data-testid="vol-record">
            {t('vol.record')}
          </button>
          <button type="button" onClick={() => void act('release')}>
            {t('vol.release')}
          </button>
        </div>
      )}
      {recording && (
        <RecordForm
          task={task}
          onDone={(text) => {
            setRecording(false);
            setNotice({ ok: true, text });
            onChanged();
          }}
          onCancel={() => setRecording(false)}
        />
      )}
    </li>
  );
}

function RecordForm({ task, onDone, onCancel }: { task: Task; onDone: (text: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [minutes, setMinutes] = useState('60');
  const today = useToday();
  const [doneOn, setDoneOn] = useState(today);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [state, record] = useMutation(RECORD_CARE_TASK_MUTATION);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!note.trim()) local.note = t('vol.error.MISSING_VALUE');
    const m = Number(minutes);
    if (!Number.isInteger(m) || m < 1 || m > 600) local.minutes = t('vol.error.OUT_OF_RANGE');
    setProblems(local);
    if (Object.keys(local).length) return;
    const res = await record({
      input: { taskId: task.id, expectedVersion: task.version, note: note.trim(), minutes: m, doneOn },
    });
    const r = res.data?.recordCareTask;
    if (!r) return setProblems({ form: requestErrorText({ t }, res.error) });
    switch (r.__typename) {
      case 'RecordCareTaskSuccess':
        return onDone(t('vol.recorded'));
      case 'InvalidInput':
        return setProblems(fieldProblems(t, r.errors));
      case 'StaleVersion':
        return setProblems({ form: t('vol.error.stale') });
      case 'NotFound':
        return setProblems({ form: t('vol.error.notFound') });
      case 'Conflict':
        return setProblems({ form: refusal(t, r.code) });
      default:
        return unreachable(r);
    }
  };

  return (
    <form className="vol-form" onSubmit={(e) => void submit(e)} noValidate data-testid="vol-record-form">
      <label>
        {t('vol.note')}
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('vol.notePlaceholder')}
          rows={3}
          maxLength={500}
          name="note"
          aria-invalid={problems.note ? true : undefined}
        />
        {problems.note && <span className="field-error">{problems.note}</span>}
      </label>
      <label>
        {t('vol.minutes')}
        <input type="number" inputMode="numeric" min={1} max={600} value={minutes} name="minutes" onChange={(e) => setMinutes(e.target.value)} />
        {problems.minutes && <span className="field-error">{problems.minutes}</span>}
      </label>
      <label>
        {t('vol.doneOn')}
        <DateInput value={doneOn} name="doneOn" onChange={(e) => setDoneOn(e.target.value)} />
        {problems.doneOn && <span className="field-error">{problems.doneOn}</span>}
      </label>
      {problems.form && (
        <p className="notice notice-error" role="alert">
          {problems.form}
        </p>
      )}
      <div className="vol-actions">
        <button type="submit" className="primary" disabled={state.fetching} data-testid="vol-save">
          {t('vol.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('vol.cancel')}
        </button>
      </div>
    </form>
  );
}
