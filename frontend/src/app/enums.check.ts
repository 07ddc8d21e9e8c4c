// Compile-time checks of everyValue: a list missing a value, or holding a stranger, does not type-check.
import { everyValue } from './enums';
type T = 'A' | 'B' | 'C';
export const ok = everyValue<T>()(['A', 'B', 'C']);
// @ts-expect-error missing C
export const missing = everyValue<T>()(['A', 'B']);
// @ts-expect-error D is not a value
export const extra = everyValue<T>()(['A', 'B', 'C', 'D']);
