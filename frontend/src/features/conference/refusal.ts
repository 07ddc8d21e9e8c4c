import type { CombinedError } from 'urql';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { codeWords, type UserErrorFields } from '../../app/refusal';

const FIELD_KEYS: Record<string, MessageKey> = {
  heldOn: 'conference.field.heldOn',
  topic: 'conference.field.topic',
  participants: 'conference.field.participants',
  decisions: 'conference.field.decisions',
  notes: 'conference.field.notes',
  note: 'conference.field.note',
};

/** The page's words for a refusal: each field problem as "which field: what is wrong",
 * a state refusal by its code; never a code or a field path on the page. */
export function useConferenceRefusal() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const colon = lang === 'en' ? ': ' : '：';
  const reason = (code: string) => codeWords(i18n, ['conference.err.'], code) ?? t('conference.err.other');
  const where = (field: string | null | undefined) => {
    if (!field) return null;
    const [head, index] = field.split('.');
    if (index !== undefined && /^\d+$/.test(index)) {
      const n = String(Number(index) + 1);
      if (head === 'participants') return t('conference.field.participant', { n });
      if (head === 'decisions') return t('conference.field.decision', { n });
    }
    return FIELD_KEYS[head] ? t(FIELD_KEYS[head]) : null;
  };
  return (payload: UserErrorFields | null | undefined, error?: CombinedError): string => {
    if (!payload) return error?.networkError ? t('error.network') : t('conference.err.other');
    if ('errors' in payload && payload.errors.length > 0) {
      const seen = new Set<string>();
      for (const e of payload.errors) {
        const label = where(e.field);
        seen.add(label ? `${label}${colon}${reason(e.code)}` : reason(e.code));
      }
      return [...seen].join(lang === 'en' ? '; ' : '；');
    }
    return reason(payload.code);
  };
}
