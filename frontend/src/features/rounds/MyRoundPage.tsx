import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { makeI18n, useI18n } from '../../app/i18n';
import type { Lang } from '../../app/messages';
import { unreachable } from '../../app/exhaustive';
import { MY_DAY_ROLES, hasRole } from '../../app/roles';
import { useToday } from '../../app/today';
import { Loading, QueryError, requestErrorText } from '../../components/QueryState';
import type { PlanWorkerDayMutation } from '../../graphql/graphql';
import type { EmergencyChoice } from './EmergencyPicker';
import { ReplanControl } from './ReplanControl';
import { RoundPicture } from './RoundPicture';
import { DroppedList, RoundSheet, RoundSummary, StopList, householdHref, refusal, visitHref, type Round, type StopAction } from './RoundParts';
import { MY_ROUNDS_QUERY, MY_ROUND_MATCHES_QUERY, MY_WORKER_QUERY, PLAN_WORKER_DAY_MUTATION, ROUNDS_WHO_QUERY } from './rounds.graphql';
import './rounds.css';
import { DateInput } from '../../components/DateInput';

export type PlanPayload = PlanWorkerDayMutation['planWorkerDay'];

/** What the page shows for a planWorkerDay answer: the round, or why there is none. */
export function planOutcome(payload: PlanPayload, lang: Lang): { round: Round } | { problem: string } {
  switch (payload.__typename) {
    case 'PlanWorkerDaySuccess':
      return { round: payload.round };
    case 'InvalidInput':
    case 'NotFound':
      return { problem: refusal(makeI18n(lang), payload) };
    default:
      return unreachable(payload);
  }
}

/** 我的路线: the worker's round of a day, as a picture and a list, planned on demand. */
export function MyRoundPage() {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const isWorker = hasRole(user, MY_DAY_ROLES);
  const today = useToday();
  const [date, setDate] = useState(today);
  const [planned, setPlanned] = useState<Round | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const [who] = useQuery({ query: ROUNDS_WHO_QUERY, pause: !isWorker });
  const workerId = who.data?.me?.scopeKind === 'SELF' ? (who.data.me.scopeId ?? null) : null;
  const [worker] = useQuery({ query: MY_WORKER_QUERY, variables: { workerId: workerId ?? '' }, pause: !workerId });
  const stationId = worker.data?.socialWorker?.station.id ?? null;
  const [rounds] = useQuery({
    query: MY_ROUNDS_QUERY,
    variables: { stationId: stationId ?? '', date },
    pause: !stationId,
    requestPolicy: 'cache-and-network',
  });
  const [matches] = useQuery({ query: MY_ROUND_MATCHES_QUERY, variables: { workerId: workerId ?? '' }, pause: !workerId });
  const [{ fetching: planning }, plan] = useMutation(PLAN_WORKER_DAY_MUTATION);

  const matchOf = useMemo(() => {
    const map = new Map<string, string>();
    for (const e of matches.data?.matches.edges ?? []) if (e.node.household) map.set(e.node.household.id, e.node.id);
    return map;
  }, [matches.data]);
  const choices = useMemo<EmergencyChoice[]>(
    () =>
      (matches.data?.matches.edges ?? []).flatMap(({ node: { household: h } }) =>
        h ? [{ householdId: h.id, headName: h.identity?.headName ?? null, villageName: h.village.name, warningLevel: h.warningLevel }] : [],
      ),
    [matches.data],
  );

  if (!isWorker) {
    return (
      <section className="page" data-testid="my-round-page">
        <h1>{t('rounds.title')}</h1>
        <p className="notice">
          {t('rounds.notWorker')} <Link to="/station-rounds">{t('rounds.toStation')} ›</Link>
        </p>
      </section>
    );
  }

  const stored = rounds.data?.stationRounds.find((r) => r.workerId === workerId) ?? null;
  // The answer of a plan is shown at once; the stored round (refetched) wins once it is newer.
  const round = planned && planned.date === date && (!stored || stored.version <= planned.version) ? planned : stored;
  const me = worker.data?.socialWorker;

  const planDay = async () => {
    if (!workerId) return;
    setProblem(null);
    const res = await plan({ workerId, date }, { additionalTypenames: ['Round'] });
    const payload = res.data?.planWorkerDay;
    if (!payload) {
      setProblem(requestErrorText({ t }, res.error));
      return;
    }
    const outcome = planOutcome(payload, lang);
    if ('round' in outcome) setPlanned(outcome.round);
    else setProblem(t('rounds.failed', { message: outcome.problem }));
  };

  const action: StopAction = (s) => {
    const matchId = matchOf.get(s.householdId);
    if (matchId) return { href: visitHref(matchId, s.kind), visit: true };
    return { href: householdHref(s.householdId), visit: false };
  };
  const error = who.error ?? worker.error ?? rounds.error;
  const unplaced = round ? [...round.stops].sort((a, b) => a.position - b.position).flatMap((s, i) => (s.household?.location ? [] : [i + 1])) : [];

  return (
    <section className="page my-round" data-testid="my-round-page">
      <header className="page-header round-header no-print">
        <h1>{t('rounds.title')}</h1>
        <div className="round-controls">
          <label className="round-date">
            <span>{t('rounds.date')}</span>
            <DateInput value={date} onChange={(e) => e.target.value && setDate(e.target.value)} data-testid="round-date" />
          </label>
          <button type="button" className="big-button" onClick={() => void planDay()} disabled={planning || !workerId} data-testid="round-plan">
            {planning ? t('rounds.planning') : date === today ? t('rounds.planToday') : t('rounds.planDay', { date })}
          </button>
          {round && (
            <button type="button" className="big-button secondary" onClick={() => window.print()} data-testid="round-print">
              {t('rounds.print')}
            </button>
          )}
        </div>
      </header>
      {problem && (
        <p className="notice notice-error no-print" role="alert" data-testid="round-problem">
          {problem}
        </p>
      )}
      {error && <QueryError error={error} />}
      {!round && (rounds.fetching || worker.fetching || who.fetching) && <Loading />}
      {!round && !rounds.fetching && stationId && (
        <p className="notice no-print" data-testid="round-none">
          {t('rounds.none')}
        </p>
      )}
      {round && (
        <>
          <RoundSheet round={round} workerName={me?.name ?? ''} />
          <RoundSummary round={round} />
          {workerId && <ReplanControl round={round} workerId={workerId} choices={choices} onReplanned={setPlanned} />}
          <RoundPicture rounds={[{ key: round.id, start: me?.home ?? null, stops: round.stops, colour: 'var(--primary)' }]} />
          {unplaced.length > 0 && <p className="notice">{t('rounds.unplaced', { numbers: unplaced.join('、') })}</p>}
          <div className="no-print">
            <h2>{t('rounds.stops')}</h2>
            <StopList round={round} action={action} />
            <DroppedList round={round} />
          </div>
        </>
      )}
    </section>
  );
}
