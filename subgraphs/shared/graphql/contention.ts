import type { GraphQLError } from 'graphql';

/** Rounds a change may lose to other writers before the caller is told to try again. */
export const CONTENTION_ATTEMPTS = 5;

/**
 * Runs `attempt` (read the current item, apply the change, write it conditionally) until it returns
 * a result; `undefined` means another write landed in between, so it is re-read and re-applied.
 * Only for changes that are safe to re-apply on the newer version: a change whose caller must see
 * the newer version first throws its own staleVersion CONFLICT from inside `attempt`.
 * After CONTENTION_ATTEMPTS lost rounds, throws `exhausted()` (a CONFLICT that says to try again).
 */
export async function retryOnContention<T>(attempt: () => Promise<T | undefined>, exhausted: () => GraphQLError): Promise<T> {
  for (let round = 0; round < CONTENTION_ATTEMPTS; round++) {
    const result = await attempt();
    if (result !== undefined) return result;
  }
  throw exhausted();
}
