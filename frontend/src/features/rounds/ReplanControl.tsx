// 按现状重排: re-plan the day from now (visits done stay first), and say what changed, by name;
// 紧急走访 inserts one of the worker's households as an emergency in the same re-plan.
import { useState } from 'react';
import { useMutation } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import type { ReplanWorkerDayMutation } from '../../graphql/graphql';
import { EmergencyPicker, type EmergencyChoice } from './EmergencyPicker';
import { refusal, useStopName, type Round } from './RoundParts';
import { REPLAN_WORKER_DAY_MUTATION } from './rounds.graphql';

type Change = Extract<ReplanWorkerDayMutation['replanWorkerDay'], { __typename: 'ReplanWorkerDaySuccess' }>['change'];

export function ReplanControl({
  round,
  workerId,
  choices,
  onReplanned,
}: {
  round: Round;
  workerId: string;
  choices: readonly EmergencyChoice[];
  onReplanned: (r: Round) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const name = useStopName();
  const [{ fetching }, replan] = useMutation(REPLAN_WORKER_DAY_MUTATION);
  const [shown, setShown] = useState<{
    change: Change;
    names: Map<string, string>;
    emergency: string | null;
    fitted: boolean;
  } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(emergency: string | null) {
    setProblem(null);
    const variables = emergency ? { workerId, date: round.date, emergencyHouseholdIds: [emergency] } : { workerId, date: round.date };
    const res = await replan(variables, { additionalTypenames: ['Round'] });
    const payload = res.data?.replanWorkerDay;
    if (!payload) {
      setProblem(t('error.network'));
      return;
    }
    switch (payload.__typename) {
      case 'ReplanWorkerDaySuccess': {
        const names = new Map<string, string>();
        for (const c of choices) names.set(c.householdId, name({ identity: c.headName ? { headName: c.headName } : null, village: c.villageName ? { name: c.villageName } : null }));
        for (const s of [...round.stops, ...payload.round.stops]) names.set(s.householdId, name(s.household));
        // Late in the day an emergency may not fit: say so, never "inserted".
        const fitted = payload.round.stops.some((s) => s.householdId === emergency);
        setShown({ change: payload.change, names, emergency, fitted });
        onReplanned(payload.round);
        return;
      }
      case 'InvalidInput':
      case 'NotFound':
      case 'Conflict':
        setProblem(refusal(i18n, payload));
        return;
      default:
        unreachable(payload);
    }
  }

  const list = (ids: readonly string[]) => ids.map((id) => shown?.names.get(id) ?? t('rounds.someone')).join('、');
  const doneToday = new Set(round.stops.filter((s) => s.done).map((s) => s.householdId));
  return (
    <div className="round-replan no-print" data-testid="round-replan">
      <button type="button" className="big-button secondary" onClick={() => void run(null)} disabled={fetching} data-testid="round-replan-button">
        {fetching ? t('rounds.planning') : t('replan.button')}
      </button>
      <EmergencyPicker choices={choices} doneToday={doneToday} busy={fetching} onInsert={(id) => void run(id)} />
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {shown && (
        <div className="notice" role="status" data-testid="round-change">
          {shown.emergency && (
            <p data-testid="round-emergency-outcome">
              {t(shown.fitted ? 'emergency.inserted' : 'emergency.notFitted', { names: list([shown.emergency]) })}
            </p>
          )}
          {shown.change.added.length + shown.change.removed.length + shown.change.moved.length + shown.change.retimed.length === 0 ? (
            <p>{t('replan.same')}</p>
          ) : (
            <ul>
              {shown.change.added.length > 0 && <li>{t('replan.added', { names: list(shown.change.added) })}</li>}
              {shown.change.removed.length > 0 && <li>{t('replan.removed', { names: list(shown.change.removed) })}</li>}
              {shown.change.moved.length > 0 && (
                <li>{t('replan.moved', { names: list(shown.change.moved.map((m) => m.householdId)) })}</li>
              )}
              {shown.change.retimed.length > 0 && (
                <li>{t('replan.retimed', { count: shown.change.retimed.length })}</li>
              )}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
