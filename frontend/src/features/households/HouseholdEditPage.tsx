// 编辑家庭档案: the household's own fields, then each member (edit, remove) and a new member;
// every save carries the version read, so a change made meanwhile is refused, not overwritten.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { commonRefusalText } from '../../app/refusal';
import { Loading, QueryError, requestErrorText } from '../../components/QueryState';
import type {
  AddHouseholdMemberMutation,
  HouseholdEditQuery,
  RemoveHouseholdMemberMutation,
  UpdateHouseholdMutation,
  UpdatePersonMutation,
} from '../../graphql/graphql';
import { HouseholdFields, MemberFields } from './HouseholdFields';
import {
  checkHousehold,
  checkMember,
  emptyMember,
  serverProblems,
  toMemberInput,
  toPersonPatch,
  toUpdateInput,
  type HouseholdDraft,
  type MemberDraft,
  type Problems,
} from './householdDraft';
import {
  ADD_MEMBER_MUTATION,
  HOUSEHOLD_EDIT_QUERY,
  REMOVE_MEMBER_MUTATION,
  UPDATE_HOUSEHOLD_MUTATION,
  UPDATE_PERSON_MUTATION,
} from './householdForm.graphql';
import './householdForm.css';

type Editable = NonNullable<HouseholdEditQuery['household']>;
type EditableMember = Editable['members'][number];

/** A notice above the form: saved, refused as stale, not found or a conflict. */
type Outcome =
  | { kind: 'saved'; key: 'hhForm.saved' | 'hhForm.memberSaved' | 'hhForm.memberAdded' | 'hhForm.memberRemoved' }
  | { kind: 'stale'; version: number }
  | { kind: 'notFound' }
  | { kind: 'conflict'; message: string }
  | { kind: 'network'; message: string };

export function draftOf(h: Editable): HouseholdDraft {
  return {
    townshipId: h.township.id,
    villageId: h.village.id,
    tier: h.tier,
    dibaoClass: h.dibaoClass ?? '',
    causes: [...h.causes],
    income: String(h.monthlyIncomePerPerson),
    lat: h.location ? String(h.location.lat) : '',
    lon: h.location ? String(h.location.lon) : '',
    address: h.identity?.address ?? '',
    phone: h.identity?.phone ?? '',
    nextReviewDue: h.nextReviewDue ?? '',
  };
}

export function memberDraftOf(m: EditableMember): MemberDraft {
  return {
    name: m.identity?.name ?? '',
    idNumber: m.identity?.idNumber ?? '',
    relation: m.relation,
    sex: m.sex,
    birthDate: m.identity?.birthDate ?? '',
    disabilityGrade: m.disabilityGrade == null ? '' : String(m.disabilityGrade),
    chronicIllness: m.chronicIllness,
    seriousIllness: m.seriousIllness,
    canWork: m.canWork,
    livesAway: m.livesAway,
  };
}

export function HouseholdEditPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [{ data, error, fetching }, reload] = useQuery({ query: HOUSEHOLD_EDIT_QUERY, variables: { id } });
  const h = data?.household;
  return (
    <section className="page household-form-page" data-testid="household-edit-page">
      <p className="breadcrumb">
        <Link to={`/households/${id}`}>‹ {h?.identity?.headName ?? t('nav.households')}</Link>
      </p>
      <h1>{t('hhForm.editTitle')}</h1>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && !h && <p className="notice">{t('error.notFound')}</p>}
      {h && !h.identity && <p className="notice">{t('hhForm.noIdentity')}</p>}
      {h?.identity && (
        <HouseholdEditor key={h.id} household={h} reload={() => reload({ requestPolicy: 'network-only' })} />
      )}
    </section>
  );
}

function HouseholdEditor({ household: h, reload }: { household: Editable; reload: () => void }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const [draft, setDraft] = useState<HouseholdDraft>(() => draftOf(h));
  const [problems, setProblems] = useState<Problems>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [memberDraft, setMemberDraft] = useState<MemberDraft>(emptyMember);
  const [removing, setRemoving] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [, updateHousehold] = useMutation(UPDATE_HOUSEHOLD_MUTATION);
  const [, addMember] = useMutation(ADD_MEMBER_MUTATION);
  const [, updatePerson] = useMutation(UPDATE_PERSON_MUTATION);
  const [, removeMember] = useMutation(REMOVE_MEMBER_MUTATION);

  /** The shared reading of a mutation's answer: success reloads, the rest becomes a notice. */
  function settle(
    payload:
      | UpdateHouseholdMutation['updateHousehold']
      | AddHouseholdMemberMutation['addHouseholdMember']
      | UpdatePersonMutation['updatePerson']
      | RemoveHouseholdMemberMutation['removeHouseholdMember']
      | undefined,
    networkError: string | undefined,
    saved: Extract<Outcome, { kind: 'saved' }>['key'],
    rename?: (field: string) => string,
  ) {
    if (!payload) {
      setOutcome({ kind: 'network', message: networkError ?? t('error.network') });
      return;
    }
    switch (payload.__typename) {
      case 'UpdateHouseholdSuccess':
      case 'AddHouseholdMemberSuccess':
      case 'UpdatePersonSuccess':
      case 'RemoveHouseholdMemberSuccess':
        setProblems({});
        setOutcome({ kind: 'saved', key: saved });
        setEditing(null);
        setRemoving(null);
        reload();
        break;
      case 'InvalidInput':
        setProblems(serverProblems(payload.errors, rename));
        setOutcome(null);
        break;
      case 'StaleVersion':
        setOutcome({ kind: 'stale', version: payload.currentVersion ?? h.version });
        break;
      case 'NotFound':
        setOutcome({ kind: 'notFound' });
        break;
      case 'Conflict':
        setOutcome({ kind: 'conflict', message: commonRefusalText(i18n, payload, ['hhForm.code.']) });
        break;
      default:
        unreachable(payload);
    }
  }

  async function saveHousehold(event: FormEvent) {
    event.preventDefault();
    const local = checkHousehold(draft);
    setProblems(local);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    const res = await updateHousehold({ input: toUpdateInput(h.id, h.version, draft) });
    setSaving(false);
    settle(res.data?.updateHousehold, requestErrorText(i18n, res.error), 'hhForm.saved');
  }

  function startEdit(m: EditableMember | null) {
    setProblems({});
    setOutcome(null);
    setRemoving(null);
    setEditing(m ? m.id : 'new');
    setMemberDraft(m ? memberDraftOf(m) : emptyMember());
  }

  async function saveMember(event: FormEvent) {
    event.preventDefault();
    const local = checkMember(memberDraft, 'member.');
    setProblems(local);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    if (editing === 'new') {
      const res = await addMember({ input: { householdId: h.id, expectedVersion: h.version, member: toMemberInput(memberDraft) } });
      setSaving(false);
      settle(res.data?.addHouseholdMember, requestErrorText(i18n, res.error), 'hhForm.memberAdded');
      return;
    }
    const before = h.members.find((m) => m.id === editing);
    if (!before) return;
    const res = await updatePerson({ input: toPersonPatch(before.id, h.version, memberDraftOf(before), memberDraft) });
    setSaving(false);
    settle(res.data?.updatePerson, requestErrorText(i18n, res.error), 'hhForm.memberSaved', (f) => (f.startsWith('member.') ? f : `member.${f}`));
  }

  async function confirmRemove(personId: string) {
    setSaving(true);
    const res = await removeMember({ input: { id: personId, expectedVersion: h.version } });
    setSaving(false);
    settle(res.data?.removeHouseholdMember, requestErrorText(i18n, res.error), 'hhForm.memberRemoved');
  }

  const count = Object.keys(problems).length;
  return (
    <>
      <OutcomeNotice outcome={outcome} onReload={reload} />
      {count > 0 && (
        <p className="notice notice-error" role="alert" data-testid="hh-form-problems">
          {t('hhForm.fixErrors', { count })}
        </p>
      )}
      <form className="visit-form household-form" onSubmit={saveHousehold} noValidate data-testid="household-edit-form">
        <HouseholdFields draft={draft} problems={editing ? {} : problems} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving} data-testid="hh-save">
            {saving ? t('hhForm.saving') : t('hhForm.save')}
          </button>
        </div>
      </form>

      <h2>{t('hhForm.membersSection')}</h2>
      <ul className="member-list" data-testid="edit-member-list">
        {h.members.map((m) => (
          <li key={m.id} data-testid="edit-member">
            {editing === m.id ? (
              <MemberEditor
                title={m.identity?.name ?? label('Relation', m.relation)}
                member={memberDraft}
                problems={problems}
                saving={saving}
                onChange={(patch) => setMemberDraft((d) => ({ ...d, ...patch }))}
                onSubmit={saveMember}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <>
                <span>
                  <strong>{m.identity?.name}</strong> <span className="muted">· {label('Relation', m.relation)}</span>
                </span>
                {removing === m.id ? (
                  <span className="member-actions">
                    <span>{t('hhForm.removeConfirm')}</span>
                    <button type="button" className="danger" disabled={saving} onClick={() => confirmRemove(m.id)} data-testid="member-remove-confirm">
                      {t('hhForm.removeMember')}
                    </button>
                    <button type="button" onClick={() => setRemoving(null)}>
                      {t('hhForm.cancel')}
                    </button>
                  </span>
                ) : (
                  <span className="member-actions">
                    <button type="button" onClick={() => startEdit(m)} data-testid="member-edit">
                      {t('hhForm.editMember')}
                    </button>
                    {m.relation !== 'HEAD' && (
                      <button type="button" className="danger" onClick={() => setRemoving(m.id)} data-testid="member-remove">
                        {t('hhForm.removeMember')}
                      </button>
                    )}
                  </span>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <MemberEditor
          title={t('hhForm.addMember')}
          member={memberDraft}
          problems={problems}
          saving={saving}
          onChange={(patch) => setMemberDraft((d) => ({ ...d, ...patch }))}
          onSubmit={saveMember}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div className="form-actions">
          <button type="button" onClick={() => startEdit(null)} data-testid="hh-add-member">
            {t('hhForm.addMember')}
          </button>
        </div>
      )}
    </>
  );
}

interface MemberEditorProps {
  title: string;
  member: MemberDraft;
  problems: Problems;
  saving: boolean;
  onChange: (patch: Partial<MemberDraft>) => void;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}

function MemberEditor({ title, member, problems, saving, onChange, onSubmit, onCancel }: MemberEditorProps) {
  const { t } = useI18n();
  return (
    <form className="visit-form household-form member-editor" onSubmit={onSubmit} noValidate data-testid="member-form">
      <MemberFields prefix="member." title={title} member={member} problems={problems} onChange={onChange} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-testid="member-save">
          {saving ? t('hhForm.saving') : t('hhForm.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('hhForm.cancel')}
        </button>
      </div>
    </form>
  );
}

function OutcomeNotice({ outcome, onReload }: { outcome: Outcome | null; onReload: () => void }) {
  const { t } = useI18n();
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'saved':
      return (
        <p className="notice" role="status" data-testid="hh-saved">
          {t(outcome.key)}
        </p>
      );
    case 'stale':
      return (
        <p className="notice notice-error" role="alert" data-testid="hh-stale">
          {t('hhForm.stale', { version: outcome.version })}{' '}
          <button type="button" onClick={onReload}>
            {t('hhForm.reload')}
          </button>
        </p>
      );
    case 'notFound':
      return (
        <p className="notice notice-error" role="alert">
          {t('hhForm.notFound')}
        </p>
      );
    case 'conflict':
      return (
        <p className="notice notice-error" role="alert">
          {t('hhForm.conflict', { message: outcome.message })}
        </p>
      );
    case 'network':
      return (
        <p className="notice notice-error" role="alert">
          {outcome.message}
        </p>
      );
    default:
      return unreachable(outcome);
  }
}
