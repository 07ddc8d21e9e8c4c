import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import type { ConferenceFieldsFragment, DecisionFieldsFragment } from '../../graphql/graphql';
import { REASSIGN_WORKERS_QUERY } from '../../components/workers.graphql';
import { CLOSE_CONFERENCE_MUTATION, COMPLETE_DECISION_MUTATION, RECORD_CONFERENCE_MUTATION } from './conference.graphql';
import { useConferenceRefusal } from './refusal';

/** One conference: who met and when, its minutes and decisions, and the next step. */
export function ConferenceItem({
  conference,
  canAct,
  onChanged,
}: {
  conference: ConferenceFieldsFragment;
  canAct: boolean;
  onChanged: () => void;
}) {
  const c = conference;
  const { t, lang, label } = useI18n();
  const [recording, setRecording] = useState(false);
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [closeState, close] = useMutation(CLOSE_CONFERENCE_MUTATION);
  const refusal = useConferenceRefusal();
  const openDecisions = c.decisions.filter((d) => d.status === 'OPEN').length;
  const mayClose = c.status === 'SCHEDULED' || (c.status === 'HELD' && openDecisions === 0);

  async function submitClose(event: FormEvent) {
    event.preventDefault();
    const res = await close({ conferenceId: c.id, expectedVersion: c.version, note: note.trim() || null });
    const r = res.data?.closeConference;
    switch (r?.__typename) {
      case 'CloseConferenceSuccess':
        setClosing(false);
        setProblem(null);
        onChanged();
        break;
      case undefined:
      case 'Conflict':
      case 'InvalidInput':
      case 'NotFound':
      case 'StaleVersion':
        setProblem(refusal(r, res.error));
        break;
      default:
        unreachable(r);
    }
  }

  return (
    <li className="conference" data-testid="conference-item" data-status={c.status}>
      <div className="conference-head">
        <strong>{t('conference.on', { date: formatDay(c.heldOn, lang) })}</strong>
        <span className="badge" data-testid="conference-status">
          {label('ConferenceStatus', c.status)}
        </span>
      </div>
      <p>{c.topic}</p>
      <ul className="participant-list muted small">
        {c.participants.map((p, i) => (
          <li key={i}>
            {p.name}（{p.agencyName}
            {p.role ? ` · ${p.role}` : ''}）· {label('AgencyKind', p.agencyKind)}
          </li>
        ))}
      </ul>
      {c.notes && <p data-testid="conference-notes">{c.notes}</p>}
      {c.closeNote && <p className="muted small">{t('conference.closeNoteLabel', { note: c.closeNote })}</p>}
      {c.decisions.length > 0 && (
        <>
          <h3>{t('conference.decisions')}</h3>
          <ul className="decision-list">
            {c.decisions.map((d) => (
              <DecisionItem key={d.id} decision={d} canAct={canAct && c.status === 'HELD'} onChanged={onChanged} />
            ))}
          </ul>
        </>
      )}
      {canAct && !recording && !closing && (c.status === 'SCHEDULED' || mayClose) && (
        <div className="form-actions">
          {c.status === 'SCHEDULED' && (
            <button type="button" className="primary" onClick={() => setRecording(true)} data-testid="conference-record">
              {t('conference.record')}
            </button>
          )}
          {mayClose && (
            <button type="button" onClick={() => setClosing(true)} data-testid="conference-close">
              {c.status === 'SCHEDULED' ? t('conference.cancelConference') : t('conference.close')}
            </button>
          )}
        </div>
      )}
      {recording && <RecordForm conference={c} onDone={() => (setRecording(false), onChanged())} onCancel={() => setRecording(false)} />}
      {closing && (
        <form onSubmit={submitClose} className="inline-form" noValidate>
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('conference.closeNote')}
            aria-label={t('conference.closeNote')}
            data-testid="conference-close-note"
          />
          <button type="submit" className="primary" disabled={closeState.fetching} data-testid="conference-close-submit">
            {c.status === 'SCHEDULED' ? t('conference.cancelConference') : t('conference.close')}
          </button>
          <button type="button" onClick={() => setClosing(false)}>
            {t('conference.back')}
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

export function DecisionItem({ decision, canAct, onChanged }: { decision: DecisionFieldsFragment; canAct: boolean; onChanged: () => void }) {
  const d = decision;
  const { t, lang, label } = useI18n();
  const [completing, setCompleting] = useState(false);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [state, complete] = useMutation(COMPLETE_DECISION_MUTATION);
  const refusal = useConferenceRefusal();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!note.trim()) return setProblem(t('conference.required'));
    const res = await complete({ decisionId: d.id, expectedVersion: d.version, note: note.trim() });
    const r = res.data?.completeConferenceDecision;
    switch (r?.__typename) {
      case 'CompleteConferenceDecisionSuccess':
        setCompleting(false);
        setProblem(null);
        onChanged();
        break;
      case undefined:
      case 'Conflict':
      case 'InvalidInput':
      case 'NotFound':
      case 'StaleVersion':
        setProblem(refusal(r, res.error));
        break;
      default:
        unreachable(r);
    }
  }

  return (
    <li className={`decision${d.overdue ? ' overdue' : ''}`} data-testid="decision-item" data-status={d.status}>
      <div className="decision-head">
        <span>{d.what}</span>
        <span className="badge">{label('DecisionStatus', d.status)}</span>
        {d.overdue && <span className="badge overdue-badge">{t('conference.decision.overdue')}</span>}
      </div>
      <div className="muted small">
        {t('conference.decision.owner', { owner: d.ownerName })} · {t('conference.decision.due', { date: formatDay(d.dueOn, lang) })}
      </div>
      {d.doneNote && <div className="small">{t('conference.decision.done', { note: d.doneNote })}</div>}
      {canAct && d.status === 'OPEN' && !completing && (
        <button type="button" onClick={() => setCompleting(true)} data-testid="decision-complete">
          {t('conference.decision.complete')}
        </button>
      )}
      {completing && (
        <form onSubmit={submit} className="inline-form" noValidate>
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('conference.decision.completeNote')}
            aria-label={t('conference.decision.completeNote')}
            data-testid="decision-complete-note"
          />
          <button type="submit" className="primary" disabled={state.fetching} data-testid="decision-complete-submit">
            {t('conference.decision.complete')}
          </button>
          <button type="button" onClick={() => setCompleting(false)}>
            {t('conference.back')}
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

interface DecisionDraft {
  what: string;
  byWorker: boolean;
  workerId: string;
  ownerName: string;
  dueOn: string;
}

const blankDecision = (): DecisionDraft => ({ what: '', byWorker: true, workerId: '', ownerName: '', dueOn: '' });

function RecordForm({ conference, onDone, onCancel }: { conference: ConferenceFieldsFragment; onDone: () => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const [notes, setNotes] = useState('');
  const [decisions, setDecisions] = useState<DecisionDraft[]>([blankDecision()]);
  const [problem, setProblem] = useState<string | null>(null);
  const [workers] = useQuery({ query: REASSIGN_WORKERS_QUERY, variables: { first: 100 } });
  const [state, record] = useMutation(RECORD_CONFERENCE_MUTATION);
  const refusal = useConferenceRefusal();
  const people = workers.data?.socialWorkers.edges.map((e) => e.node) ?? [];
  const change = (i: number, patch: Partial<DecisionDraft>) => setDecisions((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!notes.trim()) return setProblem(t('conference.required'));
    const res = await record({
      conferenceId: conference.id,
      expectedVersion: conference.version,
      notes: notes.trim(),
      decisions: decisions.map((d) => ({
        what: d.what.trim(),
        ownerWorkerId: d.byWorker && d.workerId ? d.workerId : null,
        ownerName: d.byWorker ? null : d.ownerName.trim() || null,
        dueOn: d.dueOn || null,
      })),
    });
    const r = res.data?.recordConference;
    switch (r?.__typename) {
      case 'RecordConferenceSuccess':
        onDone();
        break;
      case undefined:
      case 'Conflict':
      case 'InvalidInput':
      case 'NotFound':
      case 'StaleVersion':
        setProblem(refusal(r, res.error));
        break;
      default:
        unreachable(r);
    }
  }

  return (
    <form className="conference-record" onSubmit={submit} noValidate data-testid="conference-record-form">
      <label className="field">
        <span className="field-label">{t('conference.notes')}</span>
        <textarea
          rows={3}
          value={notes}
          placeholder={t('conference.notesPlaceholder')}
          onChange={(e) => setNotes(e.target.value)}
          data-testid="conference-notes-input"
        />
      </label>
      <fieldset className="conference-rows">
        <legend>{t('conference.decisions')}</legend>
        {decisions.map((d, i) => (
          <div className="conference-row" key={i} data-testid="decision-row">
            <textarea
              rows={1}
              value={d.what}
              placeholder={t('conference.decision.what')}
              aria-label={t('conference.decision.what')}
              onChange={(e) => change(i, { what: e.target.value })}
              data-testid="decision-what"
            />
            <select
              value={d.byWorker ? 'WORKER' : 'OTHER'}
              aria-label={t('conference.decision.ownerKind')}
              onChange={(e) => change(i, { byWorker: e.target.value === 'WORKER' })}
              data-testid="decision-owner-kind"
            >
              <option value="WORKER">{t('conference.decision.ownerWorker')}</option>
              <option value="OTHER">{t('conference.decision.ownerOther')}</option>
            </select>
            {d.byWorker ? (
              <select
                value={d.workerId}
                aria-label={t('conference.decision.worker')}
                onChange={(e) => change(i, { workerId: e.target.value })}
                data-testid="decision-worker"
              >
                <option value="">{t('conference.decision.worker')}</option>
                {people.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
              </select>
            ) : (
              <input
                value={d.ownerName}
                placeholder={t('conference.decision.ownerName')}
                aria-label={t('conference.decision.ownerName')}
                onChange={(e) => change(i, { ownerName: e.target.value })}
                data-testid="decision-owner-name"
              />
            )}
            <input
              type="date"
              lang={lang}
              value={d.dueOn}
              aria-label={t('conference.decision.dueOn')}
              title={t('conference.decision.dueOn')}
              onChange={(e) => change(i, { dueOn: e.target.value })}
              data-testid="decision-due"
            />
          </div>
        ))}
        <button type="button" onClick={() => setDecisions((all) => [...all, blankDecision()])} data-testid="decision-add">
          {t('conference.decision.add')}
        </button>
      </fieldset>
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="conference-record-error">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={state.fetching} data-testid="conference-record-save">
          {t('conference.saveRecord')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('conference.back')}
        </button>
      </div>
    </form>
  );
}
