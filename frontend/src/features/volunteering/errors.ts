import type { MessageKey } from '../../app/messages';
import { codeWords, type FieldProblem } from '../../app/refusal';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A refusal's code in the reader's language (app/refusal.ts); unknown codes are named, never hidden. */
export function refusal(t: T, code: string | null | undefined): string {
  return codeWords({ t }, ['vol.error.', 'grid.error.'], code) ?? t('vol.error.other', { code: code || '?' });
}

/** The problems of an InvalidInput, by field (last part of its path). */
export function fieldProblems(t: T, errors: readonly Pick<FieldProblem, 'field' | 'code'>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const name = e.field.split('.').pop() ?? e.field;
    out[name] = refusal(t, e.code);
  }
  return out;
}
