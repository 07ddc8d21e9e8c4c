import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import type { StalePairingsQuery } from '../../graphql/graphql';
import { useDebounced } from '../../components/useDebounced';
import { OVERSIGHT_STATIONS_QUERY } from './oversight.graphql';
import { OverdueSection } from './OverdueSection';
import { StaleSection } from './StaleSection';

type StalePairings = StalePairingsQuery['stalePairings'];
/** A pairing without contact for too long (query StalePairings). */
export type StalePairing = StalePairings['pairings'][number];
export type SilentWorker = StalePairings['silentWorkers'][number];

export const DEFAULT_STALE_DAYS = 30;
/** Overdue rows shown before "show all" (each names its household with a small query). */
export const OVERDUE_SHOWN = 30;

export function OversightPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const stationId = search.get('station') ?? '';
  const daysParam = Number(search.get('days'));
  const [days, setDays] = useState(Number.isInteger(daysParam) && daysParam > 0 ? String(daysParam) : String(DEFAULT_STALE_DAYS));
  const settledDays = useDebounced(days, 400);
  const daysValue = Math.min(365, Math.max(1, Number.parseInt(settledDays, 10) || DEFAULT_STALE_DAYS));

  useEffect(() => {
    const next = new URLSearchParams(search);
    if (daysValue !== DEFAULT_STALE_DAYS) next.set('days', String(daysValue));
    else next.delete('days');
    if (next.toString() !== search.toString()) setSearch(next, { replace: true });
  }, [daysValue]); // only when the typed number settles

  const [stations] = useQuery({
    query: OVERSIGHT_STATIONS_QUERY,
    variables: { first: 100 },
  });
  const stationList = stations.data?.stations.edges.map((e) => e.node) ?? [];

  return (
    <section className="page" data-testid="oversight-page">
      <header className="page-header">
        <div>
          <h1>{t('oversight.title')}</h1>
          <p className="muted small">{t('oversight.intro')}</p>
        </div>
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span className="field-label">{t('oversight.station')}</span>
          <select
            value={stationId}
            onChange={(e) => {
              const next = new URLSearchParams(search);
              if (e.target.value) next.set('station', e.target.value);
              else next.delete('station');
              setSearch(next, { replace: true });
            }}
            data-testid="oversight-station"
          >
            <option value="">{t('oversight.ownScope')}</option>
            {stationList.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-narrow">
          <span className="field-label">{t('oversight.days')}</span>
          <input
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            data-testid="oversight-days"
          />
        </label>
      </form>
      <StaleSection days={daysValue} stationId={stationId || null} />
      <OverdueSection stationId={stationId || null} />
    </section>
  );
}
