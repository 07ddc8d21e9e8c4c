import { StatementReferrals } from '../casework/StatementReferrals';
import { StatementAssistance } from '../casework/Assistance';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import { Loading, QueryError } from '../../components/QueryState';
import { STATEMENT_QUERY } from './households.graphql';
import type { HouseholdStatementQuery } from '../../graphql/graphql';

/** A household's statement of help (query HouseholdStatement). */
export type Statement = NonNullable<HouseholdStatementQuery['householdStatement']>;

/** /households/:id/statement — 幸福清单, printable on A4 (the print stylesheet drops the app's chrome). */
export function StatementPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [{ data, error, fetching }] = useQuery({ query: STATEMENT_QUERY, variables: { id } });
  const back = `/households/${encodeURIComponent(id)}`;
  return (
    <section className="page statement-page" data-testid="statement-page">
      <div className="statement-toolbar no-print">
        <Link to={back}>‹ {t('statement.back')}</Link>
        <button type="button" className="primary" onClick={() => window.print()} data-testid="statement-print">
          {t('statement.print')}
        </button>
      </div>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && !data.householdStatement && (
        <p className="notice" data-testid="statement-not-found">
          {t('error.notFound')}
        </p>
      )}
      {data?.householdStatement && <StatementView statement={data.householdStatement} household={data.household} />}
    </section>
  );
}

export function StatementView({ statement: s, household }: { statement: Statement; household: HouseholdStatementQuery['household'] }) {
  const { t, label, lang, number } = useI18n();
  const day = (d: string | null) => (d ? formatDay(d, lang) : t('common.none'));
  const yuan = (n: number) => t('common.yuan', { amount: number(n) });
  return (
    <article className="statement" data-testid="statement">
      <header className="statement-header">
        <p className="statement-brand">帮扶 · Bangfu</p>
        <h1>{t('statement.title')}</h1>
        <p className="statement-subtitle">{t('statement.subtitle')}</p>
        <dl className="statement-who">
          <div>
            <dt>{t('statement.household')}</dt>
            <dd data-testid="statement-head">{s.headName ?? t('household.anonymous', { id: s.householdId })}</dd>
          </div>
          {household && (
            <div>
              <dt>{t('household.region')}</dt>
              <dd>
                {household.township.name} · {household.village.name}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('statement.generated')}</dt>
            <dd>
              {day(s.generatedOn)}
              {s.since && <span className="muted"> · {t('statement.since', { date: day(s.since) })}</span>}
            </dd>
          </div>
        </dl>
      </header>

      <section className="statement-totals" data-testid="statement-totals" aria-label={t('statement.totals')}>
        <Total label={t('statement.totalWorkers')} value={t('statement.countPeople', { count: s.totals.workers })} />
        <Total label={t('statement.totalVisits')} value={t('statement.countTimes', { count: s.totals.visits })} testId="total-visits" />
        <Total label={t('statement.totalNeeds')} value={t('statement.countItems', { count: s.totals.needsFulfilled })} />
        <Total label={t('statement.totalValue')} value={yuan(s.totals.valueYuan)} testId="total-value" />
        <Total label={t('statement.totalReferrals')} value={t('statement.countTimes', { count: s.totals.referrals })} />
      </section>

      {s.transitionUntil && (
        <p className="statement-note" data-testid="statement-transition">
          {t('statement.transition', { date: day(s.transitionUntil) })}
        </p>
      )}

      <StatementTable
        title={t('statement.matches')}
        head={[t('statement.worker'), t('statement.station'), t('statement.period'), t('statement.status')]}
        rows={s.matches.map((m) => [
          m.workerName,
          m.stationName ?? t('common.none'),
          `${day(m.startedOn)} – ${m.endedOn ? day(m.endedOn) : t('statement.ongoing')}`,
          m.outcome ? `${label('MatchStatus', m.status)} · ${label('MatchOutcome', m.outcome)}` : label('MatchStatus', m.status),
        ])}
        testId="statement-matches"
      />
      <StatementTable
        title={t('statement.visits')}
        head={[t('statement.date'), t('statement.worker'), t('statement.place'), t('statement.outcome')]}
        rows={s.visits.map((v) => [day(v.visitedOn), v.workerName ?? t('common.none'), v.place, label('VisitOutcome', v.outcome)])}
        testId="statement-visits"
      />
      <StatementTable
        title={t('statement.needs')}
        head={[t('statement.kind'), t('statement.content'), t('statement.amount'), t('statement.date'), t('statement.helper')]}
        numeric={[2]}
        rows={s.needsFulfilled.map((n) => [
          label('NeedKind', n.kind),
          n.description,
          yuan(n.costYuan),
          day(n.fulfilledOn),
          n.organisations.length > 0 ? n.organisations.join('、') : (n.fulfilledBy ?? t('common.none')),
        ])}
        foot={
          s.needsFulfilled.length > 0
            ? [t('statement.totals'), '', yuan(s.needsFulfilled.reduce((sum, n) => sum + n.costYuan, 0)), '', '']
            : undefined
        }
        testId="statement-needs"
      />
      <StatementTable
        title={t('statement.referrals')}
        head={[t('statement.date'), t('statement.referredTo'), t('statement.worker')]}
        rows={s.referrals.map((r) => [day(r.referredOn), r.to || t('common.none'), r.workerName ?? t('common.none')])}
        testId="statement-referrals"
      />
      <StatementReferrals householdId={s.householdId} />
      <StatementAssistance householdId={s.householdId} />

      <footer className="statement-footer">
        <div className="signatures">
          <span>{t('statement.signature')}：</span>
          <span>{t('statement.householdSignature')}：</span>
        </div>
        <p className="muted small">{t('statement.footer')}</p>
      </footer>
    </article>
  );
}

function Total({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="statement-total" data-testid={testId}>
      <span className="statement-total-value">{value}</span>
      <span className="statement-total-label">{label}</span>
    </div>
  );
}

interface TableProps {
  title: string;
  head: string[];
  rows: ReactNode[][];
  foot?: ReactNode[];
  numeric?: number[];
  testId: string;
}

function StatementTable({ title, head, rows, foot, numeric = [], testId }: TableProps) {
  const { t } = useI18n();
  const cls = (i: number) => (numeric.includes(i) ? 'num' : undefined);
  return (
    <section className="statement-section" data-testid={testId}>
      <h2>
        {title} <span className="muted small">({rows.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('statement.none')}</p>
      ) : (
        <table className="statement-table">
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={i} className={cls(i)}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j} className={cls(j)}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {foot && (
            <tfoot>
              <tr>
                {foot.map((c, j) => (
                  <td key={j} className={cls(j)}>
                    {c}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </section>
  );
}
