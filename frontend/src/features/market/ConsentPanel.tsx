// 知情同意: on the household page, the worker records what the household agreed an adopting
// organisation may see, and withdraws it.
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { shiftDay } from '../../app/time';
import { useToday } from '../../app/today';
import type { ConsentField } from '../../graphql/graphql';
import { refusal } from './labels';
import { HOUSEHOLD_CONSENTS_QUERY, RECORD_CONSENT_MUTATION, WITHDRAW_CONSENT_MUTATION } from './market.graphql';
import { DateInput } from '../../components/DateInput';

const FIELDS: ConsentField[] = ['CONTACT_NAME', 'CONTACT_PHONE', 'ADDRESS'];

export function ConsentPanel({ householdId }: { householdId: string }) {
  const { t } = useI18n();
  const [{ data }, refetch] = useQuery({ query: HOUSEHOLD_CONSENTS_QUERY, variables: { householdId } });
  const [, record] = useMutation(RECORD_CONSENT_MUTATION);
  const [, withdraw] = useMutation(WITHDRAW_CONSENT_MUTATION);
  const [givenBy, setGivenBy] = useState('户主本人');
  const [fields, setFields] = useState<ConsentField[]>(['CONTACT_NAME', 'CONTACT_PHONE']);
  const today = useToday();
  const [until, setUntil] = useState(shiftDay(today, 180));
  const [problem, setProblem] = useState<string | null>(null);
  const fieldText = (fs: readonly ConsentField[]) => fs.map((f) => t(`market.cf.${f}`)).join('、');
  const refresh = () => refetch({ requestPolicy: 'network-only' });

  const submit = async () => {
    const res = await record({ input: { householdId, givenBy, fields, expiresOn: until } });
    const r = res.data?.recordConsent;
    switch (r?.__typename) {
      case 'RecordConsentSuccess':
        setProblem(null);
        refresh();
        break;
      case undefined:
        setProblem(refusal(t, null));
        break;
      case 'InvalidInput':
      case 'NotFound':
        setProblem(refusal(t, r.code));
        break;
      default:
        unreachable(r);
    }
  };

  const consents = data?.householdConsents ?? [];
  return (
    <section className="card" data-testid="consent-panel">
      <h2>{t('market.consent')}</h2>
      {consents.length === 0 && <p className="muted">{t('market.consentNone')}</p>}
      <ul>
        {consents.map((c) => (
          <li key={c.id} data-testid="consent">
            {t('market.consentLine', { who: c.givenBy, date: c.givenOn, fields: fieldText(c.fields), until: c.expiresOn })}
            {c.forJob && <span className="muted"> · {t('market.consentForJob')}</span>}
            {c.withdrawnOn ? (
              <span className="muted"> · {t('market.consentWithdrawn', { date: c.withdrawnOn })}</span>
            ) : (
              <button
                type="button"
                className="link-button"
                onClick={() => void withdraw({ input: { consentId: c.id, expectedVersion: c.version } }).then(refresh)}
              >
                {t('market.consentWithdraw')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span className="field-label">{t('market.consentGivenBy')}</span>
          <input value={givenBy} onChange={(e) => setGivenBy(e.target.value)} maxLength={50} />
        </label>
        <fieldset className="chips">
          <legend>{t('market.consentFields')}</legend>
          {FIELDS.map((f) => (
            <label key={f} className="chip-check">
              <input
                type="checkbox"
                checked={fields.includes(f)}
                onChange={(e) => setFields(e.target.checked ? [...fields, f] : fields.filter((x) => x !== f))}
              />
              {t(`market.cf.${f}`)}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span className="field-label">{t('market.consentExpires')}</span>
          <DateInput value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <button type="submit">{t('market.consentRecord')}</button>
      </form>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
