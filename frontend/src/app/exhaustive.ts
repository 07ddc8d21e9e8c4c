/**
 * The default of a `switch` over a union's `__typename`: it only type-checks when every member
 * has its case, so a member the server adds to a result union is a type error until handled.
 */
export function unreachable(value: never): never {
  throw new Error(`unhandled result: ${JSON.stringify(value)}`);
}
