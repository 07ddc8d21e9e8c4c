import type { CombinedError } from 'urql';
import { errorCode } from '../app/client';
import { useI18n, type I18n } from '../app/i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" data-testid="loading">
      {t('common.loading')}
    </p>
  );
}

/**
 * What a page says when a request failed (a refusal is a result member, not this): by the
 * error's code or the network, never the transport's or the server's English message.
 */
export function requestErrorText(i18n: Pick<I18n, 't'>, error: CombinedError | undefined | null): string {
  const code = errorCode(error);
  if (code === 'FORBIDDEN') return i18n.t('error.forbidden');
  if (code === 'UNAUTHENTICATED') return i18n.t('auth.expired');
  if (error?.networkError) return i18n.t('error.network');
  return i18n.t('error.generic');
}

export function QueryError({ error }: { error: CombinedError }) {
  const i18n = useI18n();
  const code = errorCode(error);
  const text = requestErrorText(i18n, error);
  return (
    <p className="notice notice-error" role="alert" data-testid="query-error" data-code={code ?? ''}>
      {text}
    </p>
  );
}
