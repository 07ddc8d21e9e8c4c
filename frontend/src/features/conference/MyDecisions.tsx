import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { QueryError } from '../../components/QueryState';
import { DecisionItem } from './ConferenceItem';
import { MY_DECISIONS_QUERY } from './conference.graphql';

/** "My day"'s conference decisions: the open ones the worker carries out, earliest due
 * first, each with its household and the way to mark it done. */
export function MyDecisions() {
  const { t } = useI18n();
  const [{ data, error }, reload] = useQuery({ query: MY_DECISIONS_QUERY });
  const items = data?.conferenceDecisions ?? [];
  const refresh = () => reload({ requestPolicy: 'network-only' });
  return (
    <section className="my-decisions" data-testid="my-decisions">
      <h2 className="day-section">
        {t('conference.mine')} <span className="count-pill">{items.length}</span>
      </h2>
      {error && <QueryError error={error} />}
      {data && items.length === 0 && <p className="empty-state">{t('conference.mineNone')}</p>}
      {items.length > 0 && (
        <ul className="decision-list">
          {items.map((d) => (
            <div key={d.id}>
              {d.household && (
                <Link to={`/households/${d.household.id}`} className="small">
                  {d.household.identity?.headName ?? ''} · {d.household.village.name}
                </Link>
              )}
              <DecisionItem decision={d} canAct onChanged={refresh} />
            </div>
          ))}
        </ul>
      )}
    </section>
  );
}
