// Pairings without contact for too long, with a reminder for each, and the silent workers.
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { refusalText } from '../../app/refusal';
import { formatDay } from '../../app/time';
import { useServiceDay } from '../../app/today';
import { WarningBadge } from '../../components/Badges';
import { Loading, QueryError, requestErrorText } from '../../components/QueryState';
import { STALE_PAIRINGS_QUERY, REMIND_WORKER_MUTATION } from './oversight.graphql';

import { type StalePairing } from './OversightPage';

export function StaleSection({ days, stationId }: { days: number; stationId: string | null }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { dayOf } = useServiceDay();
  const [{ data, error, fetching }] = useQuery({
    query: STALE_PAIRINGS_QUERY,
    variables: { days, stationId, first: 100 },
  });
  const [reminded, setReminded] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [state, remind] = useMutation(REMIND_WORKER_MUTATION);
  const result = data?.stalePairings;

  async function onRemind(p: StalePairing) {
    setProblem(null);
    const res = await remind({ matchId: p.match.id });
    const payload = res.data?.remindWorker;
    const name = p.match.worker?.name ?? '';
    switch (payload?.__typename) {
      case 'RemindWorkerSuccess':
        setReminded((r) => ({
          ...r,
          [p.match.id]: payload.alreadySent ? t('oversight.remindAlready', { name }) : t('oversight.remindDone', { name }),
        }));
        break;
      case 'NotFound':
        setProblem(
          t('oversight.remindFailed', {
            message: refusalText(i18n, payload, { prefixes: ['oversight.err.'], other: () => t('error.notFound') }),
          }),
        );
        break;
      case undefined:
        setProblem(
          t('oversight.remindFailed', {
            message: requestErrorText(i18n, res.error),
          }),
        );
        break;
      default:
        unreachable(payload);
    }
  }

  return (
    <>
      <section className="card oversight-card" data-testid="stale-pairings">
        <h2>
          {t('oversight.stale')} {result && <span className="count-pill">{result.totalCount}</span>}
        </h2>
        {error && <QueryError error={error} />}
        {!data && fetching && <Loading />}
        {result && <p className="muted small">{t('oversight.staleIntro', { days: result.days, count: result.totalCount })}</p>}
        {problem && (
          <p className="notice notice-error" role="alert" data-testid="remind-error">
            {problem}
          </p>
        )}
        {result && result.pairings.length === 0 && <p className="empty-state">{t('oversight.noStale')}</p>}
        {result && result.pairings.length > 0 && (
          <div className="table-wrap">
            <table className="data responsive" data-testid="stale-table">
              <thead>
                <tr>
                  <th>{t('oversight.household')}</th>
                  <th>{t('oversight.worker')}</th>
                  <th>{t('oversight.since')}</th>
                  <th className="num">{t('oversight.daysWithout')}</th>
                  <th aria-label={t('oversight.remind')} />
                </tr>
              </thead>
              <tbody>
                {result.pairings.map((p) => {
                  const h = p.match.household;
                  const done = reminded[p.match.id];
                  return (
                    <tr key={p.match.id} data-testid="stale-row" data-warning={h?.warningLevel}>
                      <td data-label={t('oversight.household')}>
                        {h ? (
                          <Link to={`/households/${encodeURIComponent(h.id)}`}>
                            {h.identity?.headName ?? t('household.anonymous', { id: h.id })}
                          </Link>
                        ) : (
                          t('common.none')
                        )}{' '}
                        {h && h.warningLevel !== 'NONE' && <WarningBadge level={h.warningLevel} />}
                        {h && <small className="muted"> {h.village.name}</small>}
                      </td>
                      <td data-label={t('oversight.worker')}>
                        {p.match.worker?.name ?? t('common.none')}
                        {p.match.worker && <small className="muted"> · {p.match.worker.station.name}</small>}
                      </td>
                      <td data-label={t('oversight.since')}>{formatDay(dayOf(p.since), lang)}</td>
                      <td className="num" data-label={t('oversight.daysWithout')}>
                        <strong className={p.daysWithoutContact >= 60 ? 'overdue' : undefined}>
                          {t('oversight.daysValue', { count: p.daysWithoutContact })}
                        </strong>
                      </td>
                      <td className="actions">
                        {done ? (
                          <span className="badge reminded-badge" role="status" data-testid="remind-done">
                            ✓ {done}
                          </span>
                        ) : p.remindedToday ? (
                          <span className="badge reminded-badge" data-testid="reminded-today">
                            ✓ {t('oversight.reminded')}
                          </span>
                        ) : (
                          <button
                            type="button"
                            onClick={() => onRemind(p)}
                            disabled={state.fetching}
                            data-testid="remind-button"
                          >
                            {t('oversight.remind')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card oversight-card" data-testid="silent-workers">
        <h2>
          {t('oversight.silent')} {result && <span className="count-pill">{result.silentWorkers.length}</span>}
        </h2>
        {result && <p className="muted small">{t('oversight.silentIntro', { days: result.days })}</p>}
        {result && result.silentWorkers.length === 0 && <p className="empty-state">{t('oversight.noSilent')}</p>}
        {result && result.silentWorkers.length > 0 && (
          <div className="table-wrap">
            <table className="data responsive" data-testid="silent-table">
              <thead>
                <tr>
                  <th>{t('oversight.worker')}</th>
                  <th>{t('oversight.station')}</th>
                  <th className="num">{t('oversight.activeMatches')}</th>
                  <th className="num">{t('oversight.staleMatches')}</th>
                  <th>{t('oversight.lastContact')}</th>
                </tr>
              </thead>
              <tbody>
                {result.silentWorkers.map((w, i) => (
                  <tr key={w.worker?.id ?? i} data-testid="silent-row">
                    <td data-label={t('oversight.worker')}>
                      {w.worker?.name ?? t('common.none')}
                      {w.worker?.phone && <small className="muted"> · {w.worker.phone}</small>}
                    </td>
                    <td data-label={t('oversight.station')}>{w.station?.name ?? t('common.none')}</td>
                    <td className="num" data-label={t('oversight.activeMatches')}>
                      {w.activeMatches}
                    </td>
                    <td className="num" data-label={t('oversight.staleMatches')}>
                      {w.staleMatches}
                    </td>
                    <td data-label={t('oversight.lastContact')}>
                      {w.lastContactAt ? formatDay(dayOf(w.lastContactAt), lang) : t('oversight.never')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
