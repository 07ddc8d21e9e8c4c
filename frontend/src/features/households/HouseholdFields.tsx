// The fields of the household form: the household's own and a member's, each with the
// server's (or the browser's) problem right under it.
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { codeWords, paramValues } from '../../app/refusal';
import { CAUSES, DIBAO_CLASSES, RELATIONS, SEXES, TIERS, type Cause } from '../../app/enums';
import { Field } from '../visits/VisitFormParts';
import { type HouseholdDraft, type MemberDraft, type Problem, type Problems } from './householdDraft';
import { REGIONS_QUERY } from './households.graphql';
import { DateInput } from '../../components/DateInput';

/** A problem in the page's language (app/refusal.ts); an unknown code reads "not accepted". */
export function useProblemText() {
  const i18n = useI18n();
  return (p: Problem | undefined): string | undefined => {
    if (!p) return undefined;
    const values = paramValues(p.params);
    return codeWords(i18n, ['hhForm.code.'], p.code, values) ?? i18n.t('hhForm.code.other', values);
  };
}

interface HouseholdFieldsProps {
  draft: HouseholdDraft;
  problems: Problems;
  onChange: (patch: Partial<HouseholdDraft>) => void;
}

export function HouseholdFields({ draft, problems, onChange }: HouseholdFieldsProps) {
  const { t, label } = useI18n();
  const text = useProblemText();
  const [townships] = useQuery({ query: REGIONS_QUERY, variables: { level: 'TOWNSHIP' } });
  const [villages] = useQuery({
    query: REGIONS_QUERY,
    variables: { level: 'VILLAGE', parentId: draft.townshipId },
    pause: !draft.townshipId,
  });
  const toggleCause = (c: Cause) =>
    onChange({ causes: draft.causes.includes(c) ? draft.causes.filter((x) => x !== c) : [...draft.causes, c] });

  return (
    <fieldset className="household-fields" data-testid="household-fields">
      <legend className="form-label">{t('hhForm.householdSection')}</legend>
      <Field name="townshipId" label={t('hhForm.township')} required>
        {(id) => (
          <select
            id={id}
            value={draft.townshipId}
            onChange={(e) => onChange({ townshipId: e.target.value, villageId: '' })}
            data-testid="hh-township"
          >
            <option value="">{t('hhForm.choose')}</option>
            {townships.data?.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="villageId" label={t('hhForm.village')} required error={text(problems.villageId)}>
        {(id, describedBy) => (
          <select
            id={id}
            value={draft.villageId}
            disabled={!draft.townshipId}
            aria-invalid={problems.villageId ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ villageId: e.target.value })}
            data-testid="hh-village"
          >
            <option value="">{draft.townshipId ? t('hhForm.choose') : t('hhForm.chooseTownship')}</option>
            {villages.data?.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-pair">
        <Field name="tier" label={t('hhForm.tier')} required error={text(problems.tier)}>
          {(id, describedBy) => (
            <select
              id={id}
              value={draft.tier}
              aria-invalid={problems.tier ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => onChange({ tier: e.target.value as HouseholdDraft['tier'] })}
              data-testid="hh-tier"
            >
              <option value="">{t('hhForm.choose')}</option>
              {TIERS.map((v) => (
                <option key={v} value={v}>
                  {label('Tier', v)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name="dibaoClass"
          label={t('hhForm.dibaoClass')}
          hint={t('hhForm.dibaoClassHint')}
          error={text(problems.dibaoClass)}
        >
          {(id, describedBy) => (
            <select
              id={id}
              value={draft.dibaoClass}
              aria-invalid={problems.dibaoClass ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => onChange({ dibaoClass: e.target.value as HouseholdDraft['dibaoClass'] })}
              data-testid="hh-dibao-class"
            >
              <option value="">{t('common.none')}</option>
              {DIBAO_CLASSES.map((v) => (
                <option key={v} value={v}>
                  {label('DibaoClass', v)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name="causes" label={t('hhForm.causes')} error={text(problems.causes)}>
        {() => (
          <div className="chip-row" data-testid="hh-causes">
            {CAUSES.map((c) => (
              <label key={c} className="field-check chip-check">
                <input type="checkbox" checked={draft.causes.includes(c)} onChange={() => toggleCause(c)} />
                {label('Cause', c)}
              </label>
            ))}
          </div>
        )}
      </Field>
      <TextField name="monthlyIncomePerPerson" label={t('hhForm.income')} value={draft.income} problem={problems.monthlyIncomePerPerson} required inputMode="decimal" onChange={(v) => onChange({ income: v })} />
      <div className="form-pair">
        <TextField name="lat" label={t('hhForm.lat')} value={draft.lat} problem={problems.lat} required inputMode="decimal" onChange={(v) => onChange({ lat: v })} />
        <TextField name="lon" label={t('hhForm.lon')} value={draft.lon} problem={problems.lon} required inputMode="decimal" onChange={(v) => onChange({ lon: v })} />
      </div>
      <TextField name="address" label={t('hhForm.address')} value={draft.address} problem={problems.address} required onChange={(v) => onChange({ address: v })} />
      <TextField name="phone" label={t('hhForm.phone')} value={draft.phone} problem={problems.phone} inputMode="tel" onChange={(v) => onChange({ phone: v })} />
      <TextField name="nextReviewDue" label={t('hhForm.nextReview')} hint={t('hhForm.nextReviewHint')} value={draft.nextReviewDue} problem={problems.nextReviewDue} type="date" onChange={(v) => onChange({ nextReviewDue: v })} />
    </fieldset>
  );
}

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  problem: Problem | undefined;
  onChange: (value: string) => void;
  required?: boolean;
  hint?: string;
  type?: string;
  inputMode?: 'decimal' | 'tel' | 'numeric' | 'text';
}

function TextField({ name, label, value, problem, onChange, required, hint, type = 'text', inputMode }: TextFieldProps) {
  const text = useProblemText();
  return (
    <Field name={name} label={label} required={required} hint={hint} error={text(problem)}>
      {(id, describedBy) =>
        type === 'date' ? (
          <DateInput
            id={id}
            value={value}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
            data-testid={`hh-${name}`}
          />
        ) : (
          <input
            id={id}
            type={type}
            inputMode={inputMode}
            value={value}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
            data-testid={`hh-${name}`}
          />
        )
      }
    </Field>
  );
}

interface MemberFieldsProps {
  /** The form's field prefix of this member, e.g. `members.0.` or `new.`. */
  prefix: string;
  title: string;
  member: MemberDraft;
  problems: Problems;
  onChange: (patch: Partial<MemberDraft>) => void;
  onRemove?: () => void;
}

export function MemberFields({ prefix, title, member, problems, onChange, onRemove }: MemberFieldsProps) {
  const { t, label } = useI18n();
  const text = useProblemText();
  const p = (f: string) => problems[`${prefix}${f}`];
  return (
    <fieldset className="member-fields" data-testid="member-fields">
      <legend className="form-label">
        {title}
        {onRemove && (
          <button type="button" className="link danger-link" onClick={onRemove} data-testid="member-remove-draft">
            {t('hhForm.removeMember')}
          </button>
        )}
      </legend>
      <div className="form-pair">
        <TextField name={`${prefix}name`} label={t('hhForm.name')} value={member.name} problem={p('name')} required onChange={(v) => onChange({ name: v })} />
        <Field name={`${prefix}relation`} label={t('hhForm.relation')} required error={text(p('relation'))}>
          {(id, describedBy) => (
            <select
              id={id}
              value={member.relation}
              aria-invalid={p('relation') ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => onChange({ relation: e.target.value as MemberDraft['relation'] })}
              data-testid={`hh-${prefix}relation`}
            >
              <option value="">{t('hhForm.choose')}</option>
              {RELATIONS.map((v) => (
                <option key={v} value={v}>
                  {label('Relation', v)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <TextField name={`${prefix}idNumber`} label={t('hhForm.idNumber')} value={member.idNumber} problem={p('idNumber')} required onChange={(v) => onChange({ idNumber: v })} />
      <div className="form-pair">
        <Field name={`${prefix}sex`} label={t('hhForm.sex')} error={text(p('sex'))}>
          {(id, describedBy) => (
            <select
              id={id}
              value={member.sex}
              aria-describedby={describedBy}
              onChange={(e) => onChange({ sex: e.target.value as MemberDraft['sex'] })}
              data-testid={`hh-${prefix}sex`}
            >
              <option value="">{t('hhForm.sexFromId')}</option>
              {SEXES.map((v) => (
                <option key={v} value={v}>
                  {label('Sex', v)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField name={`${prefix}birthDate`} label={t('hhForm.birthDate')} hint={t('hhForm.birthDateHint')} value={member.birthDate} problem={p('birthDate')} type="date" onChange={(v) => onChange({ birthDate: v })} />
      </div>
      <Field name={`${prefix}disabilityGrade`} label={t('hhForm.disability')} error={text(p('disabilityGrade'))}>
        {(id, describedBy) => (
          <select
            id={id}
            value={member.disabilityGrade}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ disabilityGrade: e.target.value })}
            data-testid={`hh-${prefix}disabilityGrade`}
          >
            <option value="">{t('hhForm.noDisability')}</option>
            {[1, 2, 3, 4].map((g) => (
              <option key={g} value={String(g)}>
                {t('member.disabilityGrade', { grade: g })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="chip-row member-flags">
        {(['chronicIllness', 'seriousIllness', 'canWork', 'livesAway'] as const).map((flag) => (
          <label key={flag} className="field-check chip-check">
            <input
              type="checkbox"
              checked={member[flag]}
              onChange={(e) => onChange({ [flag]: e.target.checked })}
              data-testid={`hh-${prefix}${flag}`}
            />
            {t(FLAG_LABELS[flag])}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const FLAG_LABELS = {
  chronicIllness: 'hhForm.chronic',
  seriousIllness: 'hhForm.serious',
  canWork: 'hhForm.canWork',
  livesAway: 'hhForm.livesAway',
} as const;
