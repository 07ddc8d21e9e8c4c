import type { MessageKey } from '../../app/messages';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A refusal's code in the reader's language; unknown codes are named, never hidden. */
export function refusal(t: T, code: string | null | undefined): string {
  if (!code) return t('vol.error.other', { code: '?' });
  for (const prefix of ['vol.error.', 'grid.error.'] as const) {
    const key = `${prefix}${code}` as MessageKey;
    const text = t(key);
    if (text !== key) return text;
  }
  return t('vol.error.other', { code });
}

/** The problems of an InvalidInput, by field (last part of its path). */
export function fieldProblems(t: T, errors: readonly { field: string; code: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const name = e.field.split('.').pop() ?? e.field;
    out[name] = refusal(t, e.code);
  }
  return out;
}
