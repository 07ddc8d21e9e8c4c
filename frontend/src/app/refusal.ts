// A mutation's refusal in the page's language. Every error member of a result union carries
// a code with parameters (and, for invalid input, each field's code): the page translates
// those, never the server's `message`, which is an English line for developers. One
// translator for every feature; a feature only says where its words are kept.
import type { ReassignHouseholdMutation, UserErrorFieldsFragment } from '../graphql/graphql';
import { useI18n, type I18n } from './i18n';
import type { MessageKey } from './messages';

/** An error member of a result union as every document selects it (`...UserErrorFields`). */
export type UserErrorFields = UserErrorFieldsFragment;
/** One field's problem of an InvalidInput. */
export type FieldProblem = Extract<UserErrorFields, { errors: unknown }>['errors'][number];
/** One parameter of a code. */
export type ErrorParam = UserErrorFields['params'][number];
/** One rule a pairing would break (RuleViolation.rules). */
export type BrokenRule = Extract<ReassignHouseholdMutation['reassignHousehold'], { __typename: 'RuleViolation' }>['rules'][number];

type Words = Pick<I18n, 't'>;

/** Parameters by name (a missing value as ''). */
export function paramValues(params: readonly { name: string; value?: string | null }[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params ?? []) out[p.name] = p.value ?? '';
  return out;
}

/**
 * The page's words for a code: the first `prefix + code` the dictionary has, filled with the
 * values; null when no prefix has it, or (with `complete`) when a placeholder has no value.
 */
export function codeWords(
  i18n: Words,
  prefixes: readonly string[],
  code: string | null | undefined,
  values: Record<string, string> = {},
  complete = false,
): string | null {
  if (!code) return null;
  for (const prefix of prefixes) {
    const key = `${prefix}${code}` as MessageKey;
    const template = i18n.t(key);
    if (template === key) continue;
    if (complete && [...template.matchAll(/\{(\w+)\}/g)].some((m) => !(m[1] in values))) return null;
    return i18n.t(key, values);
  }
  return null;
}

/** The code a refusal is about: its first field problem's, else its own. */
export function refusalCode(refusal: UserErrorFields): string {
  return ('errors' in refusal ? refusal.errors[0]?.code : undefined) ?? refusal.code;
}

export interface RefusalWords {
  /** Where the feature keeps its words for codes, tried in order (`rounds.err.` → `rounds.err.PAST_DAY`). */
  prefixes: readonly string[];
  /** Parameter values as the page shows them (an entity or a status by its label). */
  shown?: (values: Record<string, string>) => Record<string, string>;
  /** Fill only when every placeholder has its value (else the refusal counts as unknown). */
  complete?: boolean;
  /** What the page says for a code it has no words for. */
  other: (refusal: UserErrorFields, code: string) => string;
}

/** A refusal in the page's language: its code (or its first field problem's) with its parameters. */
export function refusalText(i18n: Words, refusal: UserErrorFields, words: RefusalWords): string {
  const problem = 'errors' in refusal ? refusal.errors[0] : undefined;
  const code = refusalCode(refusal);
  const values = { ...paramValues(refusal.params), ...paramValues(problem?.params) };
  const shown = words.shown ? words.shown(values) : values;
  return codeWords(i18n, words.prefixes, code, shown, words.complete) ?? words.other(refusal, code);
}

/** A broken rule in the page's language: its label, and its numbers where it has them. */
export function brokenRuleText(i18n: Pick<I18n, 't' | 'label'>, rule: BrokenRule): string {
  const name = i18n.label('RuleViolationCode', rule.code);
  if (rule.params.length === 0) return name;
  const detail = codeWords(i18n, ['violation.'], rule.code, paramValues(rule.params));
  return detail === null ? name : `${name}（${detail}）`;
}

/** brokenRuleText in the page's language. */
export function useBrokenRuleText(): (rule: BrokenRule) => string {
  const i18n = useI18n();
  return (rule) => brokenRuleText(i18n, rule);
}

/** What a page says for a refusal it has no words of its own for, by its kind. */
const KIND_WORDS: Readonly<Record<string, MessageKey>> = {
  NotFound: 'error.notFound',
  Conflict: 'refusal.conflict',
  InvalidInput: 'refusal.invalid',
  StaleVersion: 'refusal.stale',
};

/** A sentence for a refusal's kind, for a code no words are kept for. */
export function kindText(i18n: Words, refusal: { __typename?: string }): string {
  return i18n.t(KIND_WORDS[refusal.__typename ?? ''] ?? 'refusal.other');
}

/**
 * A refusal in the page's language from the feature's words (`prefixes`), then the words
 * every page shares for common codes (`code.`), then a sentence for its kind: never the
 * server's message or a bare code.
 */
export function commonRefusalText(
  i18n: Words,
  refusal: UserErrorFields & { __typename?: string },
  prefixes: readonly string[] = [],
): string {
  return refusalText(i18n, refusal, {
    prefixes: [...prefixes, 'code.'],
    complete: true,
    other: () => kindText(i18n, refusal),
  });
}
