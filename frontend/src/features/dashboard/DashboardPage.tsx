// 统筹看板: a region's coverage, follow-ups, caseloads, alerts and needs, with a drill-down
// from the county to townships and villages. Every number opens the list behind it.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { WARNING_LEVELS } from '../../app/enums';
import { Loading, QueryError } from '../../components/QueryState';
import type { DashboardQuery, NeedKind, NeedStatus, WarningLevel } from '../../graphql/graphql';
import { Chart, type ChartOption } from './Chart';
import { DASHBOARD_QUERY, EXPORT_DASHBOARD_MUTATION } from './dashboard.graphql';
import { ExportButton } from './ExportButton';
import { alertsLink, drillLink, householdsLink } from './links';
import { NeedsPanel } from './NeedsPanel';

type Figures = NonNullable<DashboardQuery['dashboard']>;

const LEVEL_COLOURS: Record<WarningLevel, string> = {
  NONE: '#9aa5b1',
  BLUE: '#3b82f6',
  YELLOW: '#eab308',
  ORANGE: '#f97316',
  RED: '#dc2626',
};
const ALERT_LEVELS = WARNING_LEVELS.filter((l) => l !== 'NONE');

export function DashboardPage() {
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const regionId = searchParams.get('region');
  const [{ data, error, fetching }] = useQuery({ query: DASHBOARD_QUERY, variables: { regionId } });
  const [, exportDashboard] = useMutation(EXPORT_DASHBOARD_MUTATION);
  const figures = data?.dashboard ?? null;

  return (
    <section className="page dashboard" data-testid="dashboard-page">
      <header className="page-header">
        <div>
          <h1>{t('dashboard.title')}</h1>
          {figures && <Breadcrumbs figures={figures} />}
        </div>
        {figures && (
          <ExportButton
            label={t('dashboard.export')}
            testId="dashboard-export"
            start={async () => (await exportDashboard({ regionId: figures.region.id })).data?.exportDashboard}
          />
        )}
      </header>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && !figures && <p className="notice">{t('dashboard.empty')}</p>}
      {figures && <Figures figures={figures} key={figures.region.id} />}
      {figures && <p className="hint">{t('dashboard.drillHint')}</p>}
    </section>
  );
}

function Breadcrumbs({ figures }: { figures: Figures }) {
  const { label } = useI18n();
  return (
    <nav className="breadcrumbs" data-testid="dashboard-path">
      {figures.path.map((p) => (
        <span key={p.id}>
          <Link to={drillLink(p)}>{p.name}</Link> ›{' '}
        </span>
      ))}
      <strong data-testid="dashboard-region">{figures.region.name}</strong>{' '}
      <span className="muted">{label('RegionLevel', figures.region.level)}</span>
    </nav>
  );
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function Figures({ figures }: { figures: Figures }) {
  const { t, label, number } = useI18n();
  const navigate = useNavigate();
  const [needs, setNeeds] = useState<{ kind: NeedKind; status: NeedStatus } | null>(null);
  const { region, path, totals, parts } = figures;
  const here = [...path, region];
  const red = figures.firstVisits.find((f) => f.level === 'RED') ?? figures.firstVisits[0];

  const coverage = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('dashboard.assigned'), t('dashboard.unassigned')] },
      grid: { left: 48, right: 16, bottom: 64 },
      xAxis: { type: 'category', data: parts.map((p) => p.region.name), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value' },
      series: [
        { name: t('dashboard.assigned'), type: 'bar', stack: 'h', data: parts.map((p) => p.assigned), itemStyle: { color: '#16a34a' } },
        { name: t('dashboard.unassigned'), type: 'bar', stack: 'h', data: parts.map((p) => p.unassigned), itemStyle: { color: '#f59e0b' } },
      ],
    }),
    [parts, t],
  );

  const caseload = useMemo<ChartOption>(() => {
    const stations = figures.stations.filter((s) => s.loadSpread);
    return {
      tooltip: { trigger: 'item' },
      grid: { left: 48, right: 16, bottom: 64 },
      xAxis: { type: 'category', data: stations.map((s) => s.name), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: '%' },
      series: [
        {
          name: t('dashboard.caseloadChart'),
          type: 'boxplot',
          data: stations.map((s) => {
            const b = s.loadSpread!;
            return [b.minimum, b.q1, b.median, b.q3, b.maximum];
          }),
        },
      ],
    };
  }, [figures.stations, t]);
  const boxStations = figures.stations.filter((s) => s.loadSpread);

  const weeks = useMemo(() => [...new Set(figures.alertWeeks.map((w) => w.week as string))].sort(), [figures.alertWeeks]);
  const alerts = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ALERT_LEVELS.map((l) => label('WarningLevel', l)) },
      grid: { left: 48, right: 16, bottom: 48 },
      xAxis: { type: 'category', data: weeks },
      yAxis: { type: 'value' },
      series: ALERT_LEVELS.map((level) => ({
        name: label('WarningLevel', level),
        type: 'bar',
        stack: 'a',
        itemStyle: { color: LEVEL_COLOURS[level] },
        data: weeks.map((w) => figures.alertWeeks.find((x) => x.week === w && x.level === level)?.count ?? 0),
      })),
    }),
    [weeks, figures.alertWeeks, label],
  );

  const buckets = [t('dashboard.within1d'), t('dashboard.within3d'), t('dashboard.within7d'), t('dashboard.later'), t('dashboard.notVisited')];
  const firstVisit = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: figures.firstVisits.map((f) => label('WarningLevel', f.level)) },
      grid: { left: 48, right: 16, bottom: 48 },
      xAxis: { type: 'category', data: buckets },
      yAxis: { type: 'value' },
      series: figures.firstVisits.map((f) => ({
        name: label('WarningLevel', f.level),
        type: 'bar',
        stack: 'v',
        itemStyle: { color: LEVEL_COLOURS[f.level] },
        data: [f.within1d, f.within3d, f.within7d, f.later, f.alerts - f.visited],
      })),
    }),
    [figures.firstVisits, label, buckets.join()],
  );

  const kinds = useMemo(() => [...new Set(figures.needs.map((n) => n.kind))], [figures.needs]);
  const statuses = useMemo(() => [...new Set(figures.needs.map((n) => n.status))], [figures.needs]);
  const needsChart = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: statuses.map((s) => label('NeedStatus', s)) },
      grid: { left: 48, right: 16, bottom: 64 },
      xAxis: { type: 'category', data: kinds.map((k) => label('NeedKind', k)), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value' },
      series: statuses.map((status) => ({
        name: label('NeedStatus', status),
        type: 'bar',
        stack: 'n',
        data: kinds.map((kind) => figures.needs.find((n) => n.kind === kind && n.status === status)?.count ?? 0),
      })),
    }),
    [kinds, statuses, figures.needs, label],
  );

  return (
    <>
      <div className="tiles" data-testid="dashboard-tiles">
        <Link className="tile" to={householdsLink(region, here)} data-testid="tile-households">
          <span className="tile-value">{number(totals.households)}</span>
          <span className="tile-label">{t('dashboard.households')}</span>
        </Link>
        <Link className="tile" to={householdsLink(region, here, { noWorker: true })} data-testid="tile-coverage">
          <span className="tile-value">{percent(totals.assignedShare)}</span>
          <span className="tile-label">{t('dashboard.coverage')}</span>
        </Link>
        <Link className="tile" to="/oversight" data-testid="tile-overdue">
          <span className="tile-value">{percent(totals.overdueRate)}</span>
          <span className="tile-label">
            {t('dashboard.overdueRate')} · {number(totals.overdue)}
          </span>
        </Link>
        <Link className="tile tile-alarm" to={householdsLink(region, here, { noWorker: true, warning: 'RED' })} data-testid="tile-red-unassigned">
          <span className="tile-value">{number(totals.redUnassigned)}</span>
          <span className="tile-label">{t('dashboard.redUnassigned')}</span>
        </Link>
        <Link className="tile" to={alertsLink(region, 'RED')} data-testid="tile-first-visit">
          <span className="tile-value">
            {red?.medianHours != null ? t('dashboard.hours', { hours: number(red.medianHours, 1) }) : t('dashboard.noVisitYet')}
          </span>
          <span className="tile-label">{t('dashboard.medianFirstVisit')}</span>
        </Link>
      </div>

      <div className="charts">
        <figure className="card">
          <figcaption>{t('dashboard.coverageChart')}</figcaption>
          <Chart
            option={coverage}
            testId="chart-coverage"
            label={t('dashboard.coverageChart')}
            onClick={({ seriesIndex, dataIndex }) => {
              const part = parts[dataIndex];
              if (!part) return;
              if (seriesIndex === 1 || part.region.level === 'VILLAGE') {
                navigate(householdsLink(part.region, here, { noWorker: seriesIndex === 1 }));
              } else {
                navigate(drillLink(part.region));
              }
            }}
          />
          <table className="table compact" data-testid="parts-table">
            <thead>
              <tr>
                <th>{label('RegionLevel', parts[0]?.region.level ?? 'VILLAGE')}</th>
                <th className="num">{t('dashboard.households')}</th>
                <th className="num">{t('dashboard.unassigned')}</th>
                <th className="num">{t('dashboard.coverage')}</th>
                <th className="num">{t('dashboard.redUnassigned')}</th>
                <th className="num">{t('dashboard.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {parts.map((p) => (
                <tr key={p.region.id} data-testid="part-row">
                  <td>
                    {p.region.level === 'VILLAGE' ? (
                      p.region.name
                    ) : (
                      <Link to={drillLink(p.region)} data-testid="drill-link">
                        {p.region.name}
                      </Link>
                    )}
                  </td>
                  <td className="num">
                    <Link to={householdsLink(p.region, here)} data-testid="part-households">
                      {number(p.households)}
                    </Link>
                  </td>
                  <td className="num">
                    <Link to={householdsLink(p.region, here, { noWorker: true })} data-testid="part-unassigned">
                      {number(p.unassigned)}
                    </Link>
                  </td>
                  <td className="num">{percent(p.assignedShare)}</td>
                  <td className="num">
                    <Link to={householdsLink(p.region, here, { noWorker: true, warning: 'RED' })}>{number(p.redUnassigned)}</Link>
                  </td>
                  <td className="num">
                    <Link to="/oversight">{number(p.overdue)}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>

        <figure className="card">
          <figcaption>{t('dashboard.caseloadChart')}</figcaption>
          <Chart
            option={caseload}
            testId="chart-caseload"
            label={t('dashboard.caseloadChart')}
            onClick={({ dataIndex }) => {
              const station = boxStations[dataIndex];
              if (station) navigate(`/workers?station=${encodeURIComponent(station.id)}`);
            }}
          />
        </figure>

        <figure className="card">
          <figcaption>{t('dashboard.alertsChart')}</figcaption>
          <Chart
            option={alerts}
            testId="chart-alerts"
            label={t('dashboard.alertsChart')}
            onClick={({ seriesIndex }) => navigate(alertsLink(region, ALERT_LEVELS[seriesIndex] ?? null))}
          />
        </figure>

        <figure className="card">
          <figcaption>{t('dashboard.firstVisitChart')}</figcaption>
          <Chart
            option={firstVisit}
            testId="chart-first-visit"
            label={t('dashboard.firstVisitChart')}
            onClick={({ seriesIndex }) => navigate(alertsLink(region, figures.firstVisits[seriesIndex]?.level ?? null))}
          />
        </figure>

        <figure className="card">
          <figcaption>{t('dashboard.needsChart')}</figcaption>
          <Chart
            option={needsChart}
            testId="chart-needs"
            label={t('dashboard.needsChart')}
            onClick={({ seriesIndex, dataIndex }) => {
              const kind = kinds[dataIndex];
              const status = statuses[seriesIndex];
              if (kind && status) setNeeds({ kind, status });
            }}
          />
          {needs && <NeedsPanel regionId={region.id} kind={needs.kind} status={needs.status} onClose={() => setNeeds(null)} />}
        </figure>

        <figure className="card" data-testid="funds">
          <figcaption>{t('dashboard.funds')}</figcaption>
          <dl className="funds">
            <dt>{t('dashboard.fundsPledged')}</dt>
            <dd>¥{number(figures.funds.pledged)}</dd>
            <dt>{t('dashboard.fundsDisbursed')}</dt>
            <dd>¥{number(figures.funds.disbursed)}</dd>
          </dl>
          {figures.funds.source === 'NEED_ESTIMATES' && <p className="hint">{t('dashboard.fundsEstimates')}</p>}
        </figure>
      </div>
    </>
  );
}
