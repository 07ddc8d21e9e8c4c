// 按现状重排: re-plan the day from now (visits done stay first), and say what changed, by name.
import { useState } from 'react';
import { useMutation } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import type { ReplanWorkerDayMutation } from '../../graphql/graphql';
import { refusal, useStopName, type Round } from './RoundParts';
import { REPLAN_WORKER_DAY_MUTATION } from './rounds.graphql';

type Change = Extract<ReplanWorkerDayMutation['replanWorkerDay'], { __typename: 'ReplanWorkerDaySuccess' }>['change'];

export function ReplanControl({ round, workerId, onReplanned }: { round: Round; workerId: string; onReplanned: (r: Round) => void }) {
  const { t, lang } = useI18n();
  const name = useStopName();
  const [{ fetching }, replan] = useMutation(REPLAN_WORKER_DAY_MUTATION);
  const [shown, setShown] = useState<{ change: Change; names: Map<string, string> } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function run() {
    setProblem(null);
    const res = await replan({ workerId, date: round.date }, { additionalTypenames: ['Round'] });
    const payload = res.data?.replanWorkerDay;
    if (!payload) {
      setProblem(t('error.network'));
      return;
    }
    switch (payload.__typename) {
      case 'ReplanWorkerDaySuccess': {
        const names = new Map<string, string>();
        for (const s of [...round.stops, ...payload.round.stops]) names.set(s.householdId, name(s.household));
        setShown({ change: payload.change, names });
        onReplanned(payload.round);
        return;
      }
      case 'InvalidInput':
      case 'NotFound':
      case 'Conflict':
        setProblem(refusal(payload.message, lang));
        return;
      default:
        unreachable(payload);
    }
  }

  const list = (ids: readonly string[]) => ids.map((id) => shown?.names.get(id) ?? t('rounds.someone')).join('、');
  return (
    <div className="round-replan no-print" data-testid="round-replan">
      <button type="button" className="big-button secondary" onClick={() => void run()} disabled={fetching} data-testid="round-replan-button">
        {fetching ? t('rounds.planning') : t('replan.button')}
      </button>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {shown && (
        <div className="notice" role="status" data-testid="round-change">
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
