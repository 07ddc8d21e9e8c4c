import { useI18n } from '../../app/i18n';
import { MESSAGES, type MessageKey } from '../../app/messages';
import type { PlanChangeFieldsFragment } from '../../graphql/graphql';

export type PlanChange = PlanChangeFieldsFragment;

/** What the last approval or rejection came to. */
export type Outcome =
  | { kind: 'approved'; activated: number; transferred: number; setAside: PlanChange[] }
  | { kind: 'rejected' }
  | { kind: 'stale'; changes: string[]; items: PlanChange[] }
  | { kind: 'noAnswer' }
  | { kind: 'staleVersion'; version: number }
  | { kind: 'error'; message: string };

/** One change, worded with the household's and the worker's names (never their ids). */
export function useChangeText() {
  const { t } = useI18n();
  return (c: PlanChange): string => {
    const key = `planAside.${c.code}`;
    const params: Record<string, string> = {
      household: c.householdName ?? t('planAside.someHousehold'),
      worker: c.workerName ?? t('planAside.someWorker'),
    };
    for (const p of c.params) if (p.name !== 'planned' && p.name !== 'current') params[p.name] = p.value ?? '';
    return t((key in MESSAGES['zh-CN'] ? key : 'planAside.other') as MessageKey, params);
  };
}

function ChangeList({ items, testId }: { items: PlanChange[]; testId: string }) {
  const text = useChangeText();
  return (
    <ul data-testid={testId}>
      {items.map((c, i) => (
        <li key={i}>{text(c)}</li>
      ))}
    </ul>
  );
}

export function OutcomeNotice({
  outcome,
  onRecompute,
  recomputing = false,
  onApproveValid,
  onRetry,
}: {
  outcome: Outcome;
  onRecompute?: () => void;
  recomputing?: boolean;
  /** Approve what still holds (the stale notice offers it). */
  onApproveValid?: () => void;
  /** Send the same approval again (same key) after no answer. */
  onRetry?: () => void;
}) {
  const { t, number } = useI18n();
  switch (outcome.kind) {
    case 'approved':
      return (
        <div className="notice notice-success" role="status" data-testid="approve-success">
          <p>{t('plan.approved', { activated: number(outcome.activated), transferred: number(outcome.transferred) })}</p>
          {outcome.setAside.length > 0 && (
            <>
              <p>{t('planAside.setAside', { count: outcome.setAside.length })}</p>
              <ChangeList items={outcome.setAside} testId="set-aside" />
              {onRecompute && (
                <button type="button" onClick={onRecompute} disabled={recomputing} data-testid="recompute">
                  {t('plan.recompute')}
                </button>
              )}
            </>
          )}
        </div>
      );
    case 'noAnswer':
      return (
        <p className="notice notice-warn" role="alert" data-testid="approve-no-answer">
          {t('planAside.noAnswer')}{' '}
          {onRetry && (
            <button type="button" onClick={onRetry} data-testid="approve-retry">
              {t('planAside.retry')}
            </button>
          )}
        </p>
      );
    case 'rejected':
      return (
        <p className="notice" role="status" data-testid="reject-success">
          {t('plan.rejected')}
        </p>
      );
    case 'stale':
      return (
        <div className="notice notice-error stale" role="alert" data-testid="stale-plan">
          <strong>{t('plan.stale')}</strong>
          <p>{t('plan.staleHint')}</p>
          {outcome.items.length > 0 && <ChangeList items={outcome.items} testId="stale-changes" />}
          {onApproveValid && (
            <button type="button" onClick={onApproveValid} disabled={recomputing} data-testid="approve-valid">
              {t('planAside.approveValid')}
            </button>
          )}{' '}
          {onRecompute && (
            <button type="button" className="primary" onClick={onRecompute} disabled={recomputing} data-testid="recompute">
              {t('plan.recompute')}
            </button>
          )}
        </div>
      );
    case 'staleVersion':
      return (
        <p className="notice notice-warn" role="alert" data-testid="stale-version">
          {t('plan.staleVersion', { version: outcome.version })}
        </p>
      );
    case 'error':
      return (
        <p className="notice notice-error" role="alert" data-testid="decision-error">
          {t('plan.refused', { message: outcome.message })}
        </p>
      );
  }
}
