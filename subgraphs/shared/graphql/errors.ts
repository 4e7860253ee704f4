import { GraphQLError } from 'graphql';

/** The error codes front ends can rely on (DESIGN.md, Conventions). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT';

const withCode = (code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

/** A value the caller sent breaks a rule; `field` is the input path, e.g. `input.idNumber`. */
export const badUserInput = (field: string, message: string) => withCode('BAD_USER_INPUT', `${field}: ${message}`, { field });

export const notFound = (what: string, id: string) => withCode('NOT_FOUND', `No ${what} with id "${id}" exists.`, { id });

export const conflict = (message: string, extensions: Record<string, unknown> = {}) => withCode('CONFLICT', message, extensions);

export const staleVersion = (what: string, id: string, expectedVersion: number) =>
  conflict(`${what} "${id}" was changed by someone else since version ${expectedVersion}; reload it and apply your change to the current version.`, {
    id,
    expectedVersion,
  });

/** Collects every rule an input breaks, so one round trip reports all of them. */
export class InputProblems {
  private readonly problems: { field: string; message: string }[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  check(ok: boolean, field: string, message: string): void {
    if (!ok) this.add(field, message);
  }

  /** Throws one BAD_USER_INPUT error naming every broken rule, or does nothing. */
  throwIfAny(): void {
    if (this.problems.length === 0) return;
    const message = this.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw withCode('BAD_USER_INPUT', message, {
      field: this.problems[0]!.field,
      problems: this.problems,
    });
  }
}
