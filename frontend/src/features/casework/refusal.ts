import type { CombinedError } from 'urql';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { kindText, refusalText, type UserErrorFields } from '../../app/refusal';
import { requestErrorText } from '../../components/QueryState';

/** The page's words for a refusal (any error member of a result union): its code (or its
 * first field error's) with its params, through the one translator (app/refusal.ts). */
export function useRefusalText() {
  const i18n = useI18n();
  const { t, label } = i18n;
  return (payload: (UserErrorFields & { __typename?: string }) | null | undefined, error?: CombinedError): string => {
    if (!payload) return requestErrorText(i18n, error);
    return refusalText(i18n, payload, {
      prefixes: ['casework.err.'],
      shown: (values) => {
        const state = values.currentStatus;
        if (!state) return values;
        const asMatch = label('MatchStatus', state);
        return { ...values, currentStatus: asMatch !== state ? asMatch : t(`referral.status.${state}` as MessageKey) };
      },
      other: () => kindText(i18n, payload),
    });
  };
}
