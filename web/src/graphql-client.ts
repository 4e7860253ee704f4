/**
 * The app's one way to the API: persisted documents only. Every operation is sent by its hash from
 * the manifest the build emits (`generated/persisted-documents.json`); the document text is not even
 * in the bundle, so the app works the same where the gateway refuses anything outside the manifest.
 */
import type { TypedDocumentString } from './generated/graphql';
import { i18n } from './i18n';

/** Sent as `graphql-client-name`: the gateway's safelisting is configured per client name. */
export const CLIENT_NAME = 'labor-cooperation-web';
const GRAPHQL_URL = '/graphql';

export interface ApiError {
  readonly message: string;
  /** `extensions.code`: BAD_USER_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND, UNAUTHENTICATED… */
  readonly code: string;
  /** `extensions.field` of a BAD_USER_INPUT (or CONFLICT) error, e.g. `input.monthlyWageYuan`. */
  readonly field?: string;
  /** `extensions.expectedVersion`: present when the error is a stale-version conflict. */
  readonly expectedVersion?: number;
  /** `extensions.problems` of a BAD_USER_INPUT: every broken rule, each with its field. */
  readonly problems?: readonly { readonly field: string; readonly message: string }[];
  /** Where in the answer the error is, e.g. ['person', 'shanxiLaborContracts']. */
  readonly path?: readonly (string | number)[];
  /** `extensions.serviceName`: the subgraph that failed, when the gateway names it. */
  readonly service?: string;
}

export interface OperationResult<TResult> {
  readonly data: TResult | null;
  readonly errors: readonly ApiError[];
}

interface WireError {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown; field?: unknown; expectedVersion?: unknown; problems?: unknown; serviceName?: unknown };
}

const problemsOf = (value: unknown) =>
  Array.isArray(value)
    ? value.filter((p): p is { field: string; message: string } => typeof p?.field === 'string' && typeof p?.message === 'string')
    : undefined;

const toApiError = (error: WireError): ApiError => ({
  message: typeof error.message === 'string' ? error.message : i18n.t('errors.noMessage'),
  code: typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN',
  ...(typeof error.extensions?.field === 'string' ? { field: error.extensions.field } : {}),
  ...(typeof error.extensions?.expectedVersion === 'number' ? { expectedVersion: error.extensions.expectedVersion } : {}),
  ...(typeof error.extensions?.serviceName === 'string' ? { service: error.extensions.serviceName } : {}),
  ...(Array.isArray(error.path) ? { path: error.path as (string | number)[] } : {}),
  ...(problemsOf(error.extensions?.problems) ? { problems: problemsOf(error.extensions?.problems)! } : {}),
});

export async function executeOperation<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { token?: string | null; signal?: AbortSignal } = {},
): Promise<OperationResult<TResult>> {
  const documentId = document.__meta__?.hash as string | undefined;
  if (!documentId) throw new Error('This operation has no persisted-document hash: run `npm run codegen`.');
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        'graphql-client-name': CLIENT_NAME,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({ documentId, variables }),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return { data: null, errors: [{ code: 'NETWORK_ERROR', message: i18n.t('errors.network') }] };
  }
  let body: { data?: TResult | null; errors?: WireError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    return { data: null, errors: [{ code: `HTTP_${response.status}`, message: i18n.t('errors.httpStatus', { status: response.status }) }] };
  }
  return { data: body.data ?? null, errors: (body.errors ?? []).map(toApiError) };
}
