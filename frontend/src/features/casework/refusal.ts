import type { CombinedError } from 'urql';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';

/** A refusal as the mutations send it (any member of a result union carrying UserError). */
export interface Refusal {
  __typename: string;
  code?: string;
  message?: string;
  params?: readonly { name: string; value?: string | null }[];
  errors?: readonly { field?: string | null; code: string }[];
}

/** The page's words for a refusal: its code (or its first field error's) with its params. */
export function useRefusalText() {
  const { t, label } = useI18n();
  return (payload: Refusal | null | undefined, error?: CombinedError): string => {
    if (!payload) {
      if (error?.networkError) return t('error.network');
      return t('casework.err.other', { message: error?.graphQLErrors[0]?.message ?? error?.message ?? '' });
    }
    const code = payload.errors?.[0]?.code ?? payload.code ?? '';
    const params: Record<string, string> = {};
    for (const p of payload.params ?? []) params[p.name] = p.value ?? '';
    const state = params.currentStatus;
    if (state) {
      const asMatch = label('MatchStatus', state);
      params.currentStatus = asMatch !== state ? asMatch : t(`referral.status.${state}` as MessageKey);
    }
    const key = `casework.err.${code}` as MessageKey;
    const text = t(key, params);
    return text === key ? t('casework.err.other', { message: payload.message ?? code }) : text;
  };
}
