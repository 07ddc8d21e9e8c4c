import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import { HOUSEHOLD_REFERRALS_QUERY } from './casework.graphql';
import { useReferralTarget } from './Referrals';
import { REFERRAL_STATUS } from './labels';

/** The referrals (转介) on the 幸福清单: to whom, what was asked, and what came of it. */
export function StatementReferrals({ householdId }: { householdId: string }) {
  const { t, lang } = useI18n();
  const target = useReferralTarget();
  const [{ data }] = useQuery({ query: HOUSEHOLD_REFERRALS_QUERY, variables: { householdId } });
  const rows = data?.householdReferrals ?? [];
  if (rows.length === 0) return null;
  return (
    <section className="statement-section" data-testid="statement-referral-objects">
      <h2>
        {t('referral.statementTitle')} <span className="muted small">({rows.length})</span>
      </h2>
      <table className="statement-table">
        <thead>
          <tr>
            <th>{t('statement.date')}</th>
            <th>{t('statement.referredTo')}</th>
            <th>{t('referral.request')}</th>
            <th>{t('statement.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDay(r.sentOn, lang)}</td>
              <td>{target(r)}</td>
              <td>{r.request}</td>
              <td>
                {t(REFERRAL_STATUS[r.status])}
                {r.feedback ? ` · ${r.feedback}` : r.note ? ` · ${r.note}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
