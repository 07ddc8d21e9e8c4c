import { useI18n } from '../../app/i18n';

/** What the last approval or rejection came to. */
export type Outcome =
  | { kind: 'approved'; activated: number; transferred: number }
  | { kind: 'rejected' }
  | { kind: 'stale'; message: string; changes: string[] }
  | { kind: 'staleVersion'; version: number }
  | { kind: 'error'; message: string };

export function networkMessage(error: { networkError?: Error; graphQLErrors: { message: string }[]; message: string } | undefined, t: ReturnType<typeof useI18n>['t']): string {
  if (error?.networkError) return t('error.network');
  return error?.graphQLErrors[0]?.message ?? error?.message ?? '';
}

export function OutcomeNotice({
  outcome,
  onRecompute,
  recomputing = false,
}: {
  outcome: Outcome;
  onRecompute?: () => void;
  recomputing?: boolean;
}) {
  const { t, number } = useI18n();
  switch (outcome.kind) {
    case 'approved':
      return (
        <p className="notice notice-success" role="status" data-testid="approve-success">
          {t('plan.approved', { activated: number(outcome.activated), transferred: number(outcome.transferred) })}
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
          {outcome.changes.length > 0 ? (
            <ul data-testid="stale-changes">
              {outcome.changes.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          ) : (
            <p>{outcome.message}</p>
          )}
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
