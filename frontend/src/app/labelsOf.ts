// The type of an enum's labels, and the helper that checks them against the schema's enum.
import type { Lang } from './messages';

export type Label = Record<Lang, string>;
export type Labels = Record<string, Label>;

/**
 * The labels of every value of an enum, in every language: a value of the schema's enum
 * without a label (or a label for a value it does not have) is a type error.
 */
export function labels<E extends string>(map: Record<E, Label>): Record<E, Label> {
  return map;
}
