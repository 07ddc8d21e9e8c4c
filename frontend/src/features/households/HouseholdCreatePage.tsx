// 新建帮扶对象: a household and its members in one form; the server checks it as the API does
// and each of its problems is shown under its field.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { HouseholdFields, MemberFields } from './HouseholdFields';
import {
  checkHousehold,
  checkMember,
  emptyHousehold,
  emptyMember,
  serverProblems,
  toCreateInput,
  type HouseholdDraft,
  type MemberDraft,
  type Problems,
} from './householdDraft';
import { CREATE_HOUSEHOLD_MUTATION, INTAKE_BECAME_HOUSEHOLD_MUTATION } from './householdForm.graphql';
import { useProblemText } from './HouseholdFields';
import './householdForm.css';
import { requestErrorText } from '../../components/QueryState';

export const MAX_MEMBERS = 30;

export function HouseholdCreatePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const text = useProblemText();
  const [draft, setDraft] = useState<HouseholdDraft>(emptyHousehold);
  const [members, setMembers] = useState<MemberDraft[]>(() => [emptyMember('HEAD')]);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [state, create] = useMutation(CREATE_HOUSEHOLD_MUTATION);
  const [, closeIntake] = useMutation(INTAKE_BECAME_HOUSEHOLD_MUTATION);
  // Opened from a 首问 request (?intake=…&v=…): registering the household closes it.
  const [search] = useSearchParams();
  const intakeId = search.get('intake');
  const intakeVersion = Number(search.get('v'));

  const setMember = (i: number, patch: Partial<MemberDraft>) =>
    setMembers((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const local: Problems = { ...checkHousehold(draft) };
    members.forEach((m, i) => Object.assign(local, checkMember(m, `members.${i}.`)));
    setProblems(local);
    if (Object.keys(local).length > 0) return;
    const res = await create({ input: toCreateInput(draft, members) });
    const payload = res.data?.createHousehold;
    if (!payload) {
      setFailure(requestErrorText({ t }, res.error));
      return;
    }
    switch (payload.__typename) {
      case 'CreateHouseholdSuccess':
        if (intakeId && Number.isInteger(intakeVersion)) {
          // A refusal (the request was handed over or closed meanwhile) leaves it open on
          // its list, where it can be closed by hand: the household is registered either way.
          await closeIntake({ intakeId, expectedVersion: intakeVersion, householdId: payload.household.id });
        }
        navigate(`/households/${payload.household.id}`);
        return;
      case 'InvalidInput':
        setProblems(serverProblems(payload.errors));
        return;
      default:
        unreachable(payload);
    }
  }

  const count = Object.keys(problems).length;
  return (
    <section className="page household-form-page" data-testid="household-create-page">
      <p className="breadcrumb">
        <Link to="/households">‹ {t('nav.households')}</Link>
      </p>
      <h1>{t('hhForm.newTitle')}</h1>
      <form className="visit-form household-form" onSubmit={submit} noValidate data-testid="household-create-form">
        {count > 0 && (
          <p className="notice notice-error" role="alert" data-testid="hh-form-problems">
            {t('hhForm.fixErrors', { count })}
          </p>
        )}
        {failure && (
          <p className="notice notice-error" role="alert">
            {failure}
          </p>
        )}
        <HouseholdFields draft={draft} problems={problems} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
        <h2>{t('hhForm.membersSection')}</h2>
        {problems.members && (
          <p className="field-error" data-testid="field-error">
            {text(problems.members)}
          </p>
        )}
        {members.map((m, i) => (
          <MemberFields
            key={i}
            prefix={`members.${i}.`}
            title={t('hhForm.memberNumber', { number: i + 1 })}
            member={m}
            problems={problems}
            onChange={(patch) => setMember(i, patch)}
            onRemove={members.length > 1 ? () => setMembers((ms) => ms.filter((_, j) => j !== i)) : undefined}
          />
        ))}
        <div className="form-actions">
          <button
            type="button"
            disabled={members.length >= MAX_MEMBERS}
            onClick={() => setMembers((ms) => [...ms, emptyMember()])}
            data-testid="hh-add-member"
          >
            {t('hhForm.addMember')}
          </button>
          <button type="submit" className="primary" disabled={state.fetching} data-testid="hh-submit">
            {state.fetching ? t('hhForm.saving') : t('hhForm.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
