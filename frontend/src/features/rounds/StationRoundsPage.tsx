import { useCallback, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { makeI18n, useI18n } from '../../app/i18n';
import type { Lang } from '../../app/messages';
import { unreachable } from '../../app/exhaustive';
import { useToday } from '../../app/today';
import { JobProgress, type Job } from '../../components/JobProgress';
import { Loading, QueryError, requestErrorText } from '../../components/QueryState';
import type { RequestStationWeekRoundsMutation } from '../../graphql/graphql';
import { RoundPicture } from './RoundPicture';
import { refusal } from './RoundParts';
import { WORKER_COLOURS, mondayOf } from './labels';
import { REQUEST_WEEK_ROUNDS_MUTATION, ROUNDS_WHO_QUERY, ROUND_STATIONS_QUERY, STATION_ROUNDS_QUERY } from './rounds.graphql';
import './rounds.css';
import { DateInput } from '../../components/DateInput';

export type WeekPayload = RequestStationWeekRoundsMutation['requestStationWeekRounds'];

/** The job to follow, or why the week could not be planned. */
export function weekOutcome(payload: WeekPayload, lang: Lang): { jobId: string } | { problem: string } {
  switch (payload.__typename) {
    case 'RequestStationWeekRoundsSuccess':
      return { jobId: payload.job.id };
    case 'InvalidInput':
    case 'NotFound':
      return { problem: refusal(makeI18n(lang), payload) };
    default:
      return unreachable(payload);
  }
}

/** 站点路线: every worker's round of the station on one picture, and the week planned as a job. */
export function StationRoundsPage() {
  const { t, lang, number } = useI18n();
  const today = useToday();
  const [date, setDate] = useState(today);
  const [picked, setPicked] = useState<string>('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [weekDone, setWeekDone] = useState(false);

  const [who] = useQuery({ query: ROUNDS_WHO_QUERY });
  const ownStation = who.data?.me?.scopeKind === 'STATION' ? (who.data.me.scopeId ?? null) : null;
  const [stations] = useQuery({ query: ROUND_STATIONS_QUERY, pause: !who.data || ownStation !== null });
  const stationId = ownStation ?? (picked || null);
  const [day, refetch] = useQuery({
    query: STATION_ROUNDS_QUERY,
    variables: { stationId: stationId ?? '', date },
    pause: !stationId,
    requestPolicy: 'cache-and-network',
  });
  const [{ fetching: sending }, request] = useMutation(REQUEST_WEEK_ROUNDS_MUTATION);

  const planWeek = async () => {
    if (!stationId) return;
    setProblem(null);
    setWeekDone(false);
    const res = await request({ stationId, weekStart: mondayOf(date) });
    const payload = res.data?.requestStationWeekRounds;
    if (!payload) {
      setProblem(requestErrorText({ t }, res.error));
      return;
    }
    const outcome = weekOutcome(payload, lang);
    if ('jobId' in outcome) setJobId(outcome.jobId);
    else setProblem(t('stationRounds.failed', { message: outcome.problem }));
  };
  const onJobDone = useCallback(
    (job: Job | null) => {
      setWeekDone(job?.status === 'SUCCEEDED');
      refetch({ requestPolicy: 'network-only' });
    },
    [refetch],
  );

  const workers = day.data?.socialWorkers.edges.map((e) => e.node) ?? [];
  const rounds = day.data?.stationRounds ?? [];
  const colourOf = (i: number) => WORKER_COLOURS[i % WORKER_COLOURS.length];
  const station = day.data?.station;

  return (
    <section className="page station-rounds" data-testid="station-rounds-page">
      <header className="page-header round-header">
        <h1>
          {t('stationRounds.title')}
          {station ? ` · ${station.name}` : ''}
        </h1>
        <div className="round-controls">
          {!ownStation && (
            <label className="round-date">
              <span>{t('stationRounds.station')}</span>
              <select value={picked} onChange={(e) => setPicked(e.target.value)} data-testid="station-pick">
                <option value="">{t('stationRounds.pickStation')}</option>
                {stations.data?.stations.edges.map((e) => (
                  <option key={e.node.id} value={e.node.id}>
                    {e.node.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="round-date">
            <span>{t('rounds.date')}</span>
            <DateInput value={date} onChange={(e) => e.target.value && setDate(e.target.value)} data-testid="station-date" />
          </label>
          <button type="button" className="big-button" onClick={() => void planWeek()} disabled={!stationId || sending || (jobId !== null && !weekDone && !problem)} data-testid="plan-week">
            {t('stationRounds.planWeek')}
          </button>
        </div>
      </header>
      {jobId && (
        <div className="card" data-testid="week-progress">
          <JobProgress key={jobId} jobId={jobId} onDone={onJobDone} title={t('stationRounds.planningWeek', { from: mondayOf(date) })} />
        </div>
      )}
      {weekDone && <p className="notice">{t('stationRounds.weekDone')}</p>}
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="week-problem">
          {problem}
        </p>
      )}
      {(who.error ?? day.error) && <QueryError error={(who.error ?? day.error)!} />}
      {stationId && !day.data && day.fetching && <Loading />}
      {day.data && rounds.length === 0 && (
        <p className="notice" data-testid="station-none">
          {t('stationRounds.none')}
        </p>
      )}
      {rounds.length > 0 && (
        <div className="station-day">
          <RoundPicture
            testId="station-picture"
            rounds={rounds.flatMap((r, i) => (r.stops.length === 0 ? [] : [{
              key: r.id,
              start: workers.find((w) => w.id === r.workerId)?.home ?? station?.location ?? null,
              stops: r.stops,
              colour: colourOf(i),
            }]))}
            extra={station ? { at: station.location, label: t('stationRounds.legendStation') } : null}
          />
          <section>
            <h2>{t('stationRounds.workers')}</h2>
            <ul className="station-legend" data-testid="station-legend">
              {rounds.map((r, i) => (
                <li key={r.id}>
                  <i className="rp-swatch" style={{ background: colourOf(i) }} />
                  <strong>{workers.find((w) => w.id === r.workerId)?.name ?? t('stationRounds.unknownWorker')}</strong>
                  <span className="muted">
                    {t('stationRounds.workerLine', { stops: r.stops.length, done: r.doneCount, km: number(r.km, 1), minutes: r.travelMinutes })}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </section>
  );
}
