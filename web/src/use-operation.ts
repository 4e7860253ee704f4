import { useCallback, useEffect, useState } from 'react';
import { executeOperation, type ApiError } from './graphql-client';
import type { TypedDocumentString } from './generated/graphql';

export type OperationState<TResult> =
  | { readonly status: 'loading' }
  | { readonly status: 'done'; readonly data: TResult | null; readonly errors: readonly ApiError[] };

/**
 * Runs a query when the screen shows and again whenever its variables or token change; `reload`
 * runs it again. An answer that arrives after the variables changed is dropped.
 */
export function useOperation<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { token?: string | null; skip?: boolean } = {},
): OperationState<TResult> & { reload: () => void } {
  const [state, setState] = useState<OperationState<TResult>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  // biome-ignore lint/correctness/useExhaustiveDependencies: variables by value (key), and generation to run again on reload
  useEffect(() => {
    if (options.skip) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    executeOperation(document, JSON.parse(key) as TVariables, { token: options.token, signal: controller.signal }).then(
      (result) => setState({ status: 'done', ...result }),
      (error: Error) => {
        if (error.name !== 'AbortError') setState({ status: 'done', data: null, errors: [{ code: 'CLIENT_ERROR', message: error.message }] });
      },
    );
    return () => controller.abort();
  }, [document, key, options.token, options.skip, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

/** Cursor paging: the cursors of the pages before this one, so "Previous" needs no backward cursor. */
export function useCursorPages(resetKey: string) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: back to the first page whenever the filter (resetKey) changes
  useEffect(() => setCursors([null]), [resetKey]);
  const after = cursors.at(-1) ?? null;
  return {
    after,
    pageNumber: cursors.length,
    next: (endCursor: string) => setCursors((list) => [...list, endCursor]),
    previous: () => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)),
  };
}
