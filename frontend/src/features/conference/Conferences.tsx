import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { MATCH_ROLES, VISIT_ROLES, hasRole } from '../../app/roles';
import { useToday } from '../../app/today';
import { QueryError } from '../../components/QueryState';
import type { AgencyKind } from '../../graphql/graphql';
import { CONVENE_CONFERENCE_MUTATION, HOUSEHOLD_CONFERENCES_QUERY } from './conference.graphql';
import { ConferenceItem } from './ConferenceItem';
import { useConferenceRefusal } from './refusal';
import './conference.css';

export const AGENCY_KINDS: AgencyKind[] = ['STATION', 'DEPARTMENT', 'CHARITY', 'VILLAGE', 'OTHER'];

interface ParticipantDraft {
  name: string;
  agencyKind: AgencyKind;
  agencyName: string;
  role: string;
}

const blankParticipant = (agencyKind: AgencyKind): ParticipantDraft => ({ name: '', agencyKind, agencyName: '', role: '' });

/** 个案会商 on the household page: its conferences, and a new one. */
export function HouseholdConferences({ householdId }: { householdId: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const readable = hasRole(user, MATCH_ROLES);
  const [{ data, error }, reload] = useQuery({
    query: HOUSEHOLD_CONFERENCES_QUERY,
    variables: { householdId },
    pause: !readable,
  });
  const [open, setOpen] = useState(false);
  if (!readable) return null;
  const canAct = hasRole(user, VISIT_ROLES);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const items = data?.householdConferences ?? [];
  return (
    <section className="card card-wide" data-testid="household-conferences">
      <div className="card-head">
        <h2>{t('conference.title')}</h2>
        {canAct && !open && (
          <button type="button" onClick={() => setOpen(true)} data-testid="conference-new">
            {t('conference.new')}
          </button>
        )}
      </div>
      {error && <QueryError error={error} />}
      {open && <ConveneForm householdId={householdId} onDone={() => (setOpen(false), refresh())} onCancel={() => setOpen(false)} />}
      {data && items.length === 0 && !open && <p className="muted">{t('conference.none')}</p>}
      {items.length > 0 && (
        <ul className="conference-list">
          {items.map((c) => (
            <ConferenceItem key={c.id} conference={c} canAct={canAct} onChanged={refresh} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConveneForm({ householdId, onDone, onCancel }: { householdId: string; onDone: () => void; onCancel: () => void }) {
  const { t, lang, label } = useI18n();
  const today = useToday();
  const [heldOn, setHeldOn] = useState(today);
  const [topic, setTopic] = useState('');
  const [people, setPeople] = useState<ParticipantDraft[]>([blankParticipant('STATION'), blankParticipant('DEPARTMENT')]);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, convene] = useMutation(CONVENE_CONFERENCE_MUTATION);
  const refusal = useConferenceRefusal();
  const change = (i: number, patch: Partial<ParticipantDraft>) => setPeople((all) => all.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!heldOn || !topic.trim()) return setProblem(t('conference.required'));
    const res = await convene({
      input: {
        householdId,
        heldOn,
        topic: topic.trim(),
        participants: people.map((p) => ({
          name: p.name.trim(),
          agencyKind: p.agencyKind,
          agencyName: p.agencyName.trim(),
          role: p.role.trim() || null,
        })),
      },
    });
    const r = res.data?.conveneConference;
    switch (r?.__typename) {
      case 'ConveneConferenceSuccess':
        onDone();
        break;
      case undefined:
      case 'InvalidInput':
      case 'NotFound':
        setProblem(refusal(r, res.error));
        break;
      default:
        unreachable(r);
    }
  }

  return (
    <form className="conference-form" onSubmit={submit} noValidate data-testid="conference-form">
      <label className="field">
        <span className="field-label">{t('conference.heldOn')}</span>
        <input type="date" lang={lang} value={heldOn} onChange={(e) => setHeldOn(e.target.value)} data-testid="conference-held-on" />
      </label>
      <label className="field">
        <span className="field-label">{t('conference.topic')}</span>
        <textarea
          rows={2}
          value={topic}
          placeholder={t('conference.topicPlaceholder')}
          onChange={(e) => setTopic(e.target.value)}
          data-testid="conference-topic"
        />
      </label>
      <fieldset className="conference-rows">
        <legend>{t('conference.participants')}</legend>
        {people.map((p, i) => (
          <div className="conference-row" key={i} data-testid="conference-participant">
            <input
              value={p.name}
              placeholder={t('conference.participant.name')}
              aria-label={t('conference.participant.name')}
              onChange={(e) => change(i, { name: e.target.value })}
              data-testid="participant-name"
            />
            <select
              value={p.agencyKind}
              aria-label={t('conference.participant.agencyKind')}
              onChange={(e) => change(i, { agencyKind: e.target.value as AgencyKind })}
              data-testid="participant-kind"
            >
              {AGENCY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {label('AgencyKind', k)}
                </option>
              ))}
            </select>
            <input
              value={p.agencyName}
              placeholder={t('conference.participant.agencyName')}
              aria-label={t('conference.participant.agencyName')}
              onChange={(e) => change(i, { agencyName: e.target.value })}
              data-testid="participant-agency"
            />
            <input
              value={p.role}
              placeholder={t('conference.participant.role')}
              aria-label={t('conference.participant.role')}
              onChange={(e) => change(i, { role: e.target.value })}
              data-testid="participant-role"
            />
            {people.length > 2 && (
              <button type="button" className="link" onClick={() => setPeople((all) => all.filter((_, j) => j !== i))}>
                {t('conference.participant.remove')}
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => setPeople((all) => [...all, blankParticipant('OTHER')])} data-testid="participant-add">
          {t('conference.participant.add')}
        </button>
      </fieldset>
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="conference-error">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={state.fetching} data-testid="conference-convene">
          {t('conference.convene')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('casework.cancel')}
        </button>
      </div>
    </form>
  );
}
