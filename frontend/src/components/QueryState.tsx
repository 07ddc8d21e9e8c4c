import type { CombinedError } from 'urql';
import { errorCode } from '../app/client';
import { useI18n } from '../app/i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" data-testid="loading">
      {t('common.loading')}
    </p>
  );
}

export function QueryError({ error }: { error: CombinedError }) {
  const { t } = useI18n();
  const code = errorCode(error);
  let text: string;
  if (code === 'FORBIDDEN') text = t('error.forbidden');
  else if (code === 'UNAUTHENTICATED') text = t('auth.expired');
  else if (error.networkError) text = t('error.network');
  else text = t('error.generic', { message: error.graphQLErrors[0]?.message ?? error.message });
  return (
    <p className="notice notice-error" role="alert" data-testid="query-error" data-code={code ?? ''}>
      {text}
    </p>
  );
}
