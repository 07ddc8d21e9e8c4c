// The larger groups of fields of the visit form: the outcome, who was met, the open needs.
import { useI18n } from '../../app/i18n';
import { VISIT_OUTCOMES } from '../../app/enums';
import type { FieldErrors, FieldMessage, Resolution, VisitDraft } from './validation';
import { FieldErrorText } from './VisitFormParts';
import type { VisitMatch } from './VisitPage';

type Member = NonNullable<VisitMatch['household']>['members'][number];
type OpenNeed = NonNullable<VisitMatch['household']>['needs'][number];

interface SectionProps {
  draft: VisitDraft;
  errors: FieldErrors;
  text: (m: FieldMessage | undefined) => string;
  set: (patch: Partial<VisitDraft>) => void;
}

export function OutcomeField({ draft, errors, text, set }: SectionProps) {
  const { t, label } = useI18n();
  return (
    <fieldset
      className={`form-field${errors.outcome ? ' has-error' : ''}`}
      data-field="outcome"
      data-testid="field-outcome"
      aria-invalid={errors.outcome ? true : undefined}
    >
      <legend className="form-label">
        {t('visit.outcome')} <span className="req">*</span>
      </legend>
      <div className="outcome-grid" role="radiogroup">
        {VISIT_OUTCOMES.map((o) => (
          <label key={o} className={`outcome-option outcome-${o.toLowerCase()}${draft.outcome === o ? ' selected' : ''}`}>
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={draft.outcome === o}
              onChange={() => set({ outcome: o, ...(o === 'NOT_MET' ? { verifying: false } : {}) })}
              data-testid={`visit-outcome-${o}`}
            />
            <span>{label('VisitOutcome', o)}</span>
          </label>
        ))}
      </div>
      {errors.outcome && <FieldErrorText text={text(errors.outcome)} />}
    </fieldset>
  );
}

export function MetField({ draft, errors, text, set, members }: SectionProps & { members: Member[] }) {
  const { t, label } = useI18n();
  return (
    <fieldset className={`form-field${errors.met ? ' has-error' : ''}`} data-field="met" data-testid="field-met">
      <legend className="form-label">
        {t('visit.met')} <span className="req">*</span>
      </legend>
      {members.length > 0 && (
        <div className="chip-row member-chips">
          {members.map((m) => {
            const value = m.identity?.name ?? label('Relation', m.relation);
            const on = draft.metMembers.includes(value);
            return (
              <button
                key={m.id}
                type="button"
                className={`chip-button${on ? ' chip-on' : ''}`}
                aria-pressed={on}
                onClick={() =>
                  set({
                    metMembers: on ? draft.metMembers.filter((v) => v !== value) : [...draft.metMembers, value],
                  })
                }
                data-testid="visit-met-member"
              >
                {on ? '✓ ' : ''}
                {value}
                {m.identity && <small className="muted"> · {label('Relation', m.relation)}</small>}
              </button>
            );
          })}
        </div>
      )}
      <label className="sub-label">
        <span>{t('visit.metOthers')}</span>
        <input
          value={draft.metOthers}
          placeholder={t('visit.metOthersPlaceholder')}
          onChange={(e) => set({ metOthers: e.target.value })}
          aria-invalid={errors.met ? true : undefined}
          data-testid="visit-met-others"
        />
      </label>
      {errors.met && <FieldErrorText text={text(errors.met)} />}
    </fieldset>
  );
}

export function ExistingNeeds({
  draft,
  errors,
  text,
  set,
  openNeeds,
  clearError,
}: SectionProps & { openNeeds: OpenNeed[]; clearError: (key: string) => void }) {
  const { t, label } = useI18n();
  return (
    <fieldset className="form-field" data-testid="visit-existing-needs">
      <legend className="form-label">{t('visit.existingNeeds')}</legend>
      {openNeeds.map((n) => {
        const key = `resolved.${n.id}`;
        return (
          <label key={n.id} className={`existing-need${errors[key] ? ' has-error' : ''}`} data-field={key}>
            <span className="existing-need-text">
              <strong>{label('NeedKind', n.kind)}</strong> {n.description}
            </span>
            <select
              value={draft.resolved[n.id] ?? ''}
              onChange={(e) => {
                set({ resolved: { ...draft.resolved, [n.id]: e.target.value as Resolution } });
                clearError(key);
              }}
              aria-invalid={errors[key] ? true : undefined}
              data-testid="visit-need-resolution"
            >
              <option value="">{t('visit.needUnchanged')}</option>
              <option value="FULFILLED">{label('NeedStatus', 'FULFILLED')}</option>
              <option value="CANCELLED">{label('NeedStatus', 'CANCELLED')}</option>
            </select>
            {errors[key] && <FieldErrorText text={text(errors[key])} />}
          </label>
        );
      })}
    </fieldset>
  );
}
