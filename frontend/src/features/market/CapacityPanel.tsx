// The organisation's capacity (帮扶能力): what it declared, what it carries now, and the form
// to change it. Regions are the county's to set: shown, not edited.
import { useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n';
import { NEED_KINDS } from '../../app/enums';
import { unreachable } from '../../app/exhaustive';
import type { BudgetPeriod, MyMarketQuery, NeedKind } from '../../graphql/graphql';
import { periodLabel, refusal } from './labels';
import { SET_CAPACITY_MUTATION } from './market.graphql';

type Capacity = NonNullable<MyMarketQuery['myCapacity']>;
const PERIODS: BudgetPeriod[] = ['MONTH', 'QUARTER', 'YEAR'];

export function CapacityPanel({ capacity, onSaved }: { capacity: Capacity; onSaved: () => void }) {
  const { t, label, number } = useI18n();
  const [editing, setEditing] = useState(!capacity.declared);
  const [budget, setBudget] = useState(String(capacity.budgetYuan || ''));
  const [period, setPeriod] = useState<BudgetPeriod>(capacity.period);
  const [kinds, setKinds] = useState<NeedKind[]>(capacity.kinds);
  const [maxOpen, setMaxOpen] = useState(String(capacity.maxOpenAdoptions || 5));
  const [problem, setProblem] = useState<string | null>(null);
  const [, save] = useMutation(SET_CAPACITY_MUTATION);

  const submit = async () => {
    const res = await save({
      input: {
        organisationId: capacity.organisationId,
        expectedVersion: capacity.version,
        budgetYuan: Math.round(Number(budget) || 0),
        period,
        kinds,
        maxOpenAdoptions: Math.round(Number(maxOpen) || 0),
      },
    });
    const r = res.data?.setOrganisationCapacity;
    if (!r) return setProblem(refusal(t, null));
    switch (r.__typename) {
      case 'SetOrganisationCapacitySuccess':
        setProblem(null);
        setEditing(false);
        onSaved();
        break;
      case 'InvalidInput':
      case 'StaleVersion':
      case 'NotFound':
        setProblem(refusal(t, r.code));
        break;
      default:
        unreachable(r);
    }
  };

  return (
    <section className="card" data-testid="capacity">
      <h2>
        {t('market.capacity')} · {capacity.organisationName}
      </h2>
      {!capacity.declared && <p className="notice">{t('market.capacityNotDeclared')}</p>}
      {capacity.declared && (
        <ul className="plain">
          <li data-testid="capacity-budget">
            {t('market.budgetUse', {
              period: capacity.currentPeriod,
              committed: number(capacity.committedYuan),
              budget: number(capacity.budgetYuan),
            })}{' '}
            ({periodLabel(t, capacity.period)})
          </li>
          <li>{t('market.openUse', { open: capacity.openAdoptions, max: capacity.maxOpenAdoptions })}</li>
          <li>
            {t('market.kindsServed')}: {capacity.kinds.map((k) => label('NeedKind', k)).join('、')}
          </li>
          <li>
            {t('market.regionsServed')}: {capacity.townships.map((r) => r.name).join('、')}
          </li>
        </ul>
      )}
      {!editing && (
        <button type="button" className="ghost" onClick={() => setEditing(true)} data-testid="edit-capacity">
          {t('market.editCapacity')}
        </button>
      )}
      {editing && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field">
            <span className="field-label">{t('market.budgetYuan')}</span>
            <input type="number" min={0} value={budget} onChange={(e) => setBudget(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('market.period')}</span>
            <select value={period} onChange={(e) => setPeriod(e.target.value as BudgetPeriod)}>
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {periodLabel(t, p)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('market.maxOpen')}</span>
            <input type="number" min={0} value={maxOpen} onChange={(e) => setMaxOpen(e.target.value)} />
          </label>
          <fieldset className="chips">
            <legend>{t('market.kindsServed')}</legend>
            {NEED_KINDS.map((k) => (
              <label key={k} className="chip-check">
                <input
                  type="checkbox"
                  checked={kinds.includes(k)}
                  onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))}
                />
                {label('NeedKind', k)}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t('market.saveCapacity')}</button>
          {capacity.declared && (
            <button type="button" className="ghost" onClick={() => setEditing(false)}>
              {t('market.cancelEdit')}
            </button>
          )}
        </form>
      )}
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
