/**
 * Persisted documents (trusted documents): clients send `{ "documentId": "sha256:…" }` (the
 * GraphQL-over-HTTP draft's form; Apollo's `extensions.persistedQuery.sha256Hash` is accepted too)
 * instead of the document, and the gateway runs the document its manifest holds for that hash.
 * The manifest is the web app's, emitted by `npm run codegen` from the app's .graphql operations.
 *
 * Safelisting is per client, by the `graphql-client-name` header: a client named in
 * `persistedOnlyClients` may run only documents of the manifest; `*` means every client, named or
 * not. A client name is the client's own claim, so naming one keeps that app on its manifest (a
 * build that drifted from it fails at once); refusing arbitrary documents to everyone needs `*`.
 */
import type { GatewayConfigBase } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { readFileSync } from 'node:fs';

export const CLIENT_NAME_HEADER = 'graphql-client-name';
/** The web app's client name (web/src/graphql-client.ts sends it). */
export const WEB_APP_CLIENT_NAME = 'labor-cooperation-web';
/** Every client, named or not. */
export const ALL_CLIENTS = '*';

export type PersistedDocumentManifest = Readonly<Record<string, string>>;

// Bundled beside the gateway's Lambda code by the build (scripts/build.ts follows such URLs).
const WEB_APP_MANIFEST = new URL('../../web/src/generated/persisted-documents.json', import.meta.url);

let webAppManifest: PersistedDocumentManifest | undefined;
export function readWebAppManifest(): PersistedDocumentManifest {
  webAppManifest ??= JSON.parse(readFileSync(WEB_APP_MANIFEST, 'utf8')) as PersistedDocumentManifest;
  return webAppManifest;
}

export interface PersistedDocumentsPolicy {
  readonly manifest: PersistedDocumentManifest;
  /** Client names that may send only documents of the manifest; `*` for every client. */
  readonly persistedOnlyClients: readonly string[];
}

/** The clients safelisted when nothing is configured: the web app in production, nobody in development. */
export const defaultPersistedOnlyClients = (production: boolean): readonly string[] => (production ? [WEB_APP_CLIENT_NAME] : []);

const SHA256 = /^(?:sha256:)?([0-9a-f]{64})$/;

/** `sha256:<hex>` from either accepted form, or null when the request names no document. */
function documentIdOf(params: { extensions?: Record<string, unknown> } & Record<string, unknown>): string | null {
  const id = params.documentId ?? (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  if (typeof id !== 'string') return null;
  const hex = SHA256.exec(id)?.[1];
  return hex ? `sha256:${hex}` : id;
}

const persistedError = (code: string, message: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

type PersistedDocumentsOptions = NonNullable<GatewayConfigBase<Record<string, unknown>>['persistedDocuments']>;

/** The runtime's `persistedDocuments` settings for a policy. */
export function persistedDocumentsOptions(policy: PersistedDocumentsPolicy): PersistedDocumentsOptions {
  const everyone = policy.persistedOnlyClients.includes(ALL_CLIENTS);
  const safelisted = new Set(policy.persistedOnlyClients);
  return {
    getPersistedOperation: (id: string) => policy.manifest[id] ?? null,
    extractPersistedOperationId: (params) => documentIdOf(params as Parameters<typeof documentIdOf>[0]),
    allowArbitraryDocuments: (request: Request) => !everyone && !safelisted.has(request.headers.get(CLIENT_NAME_HEADER) ?? ''),
    customErrors: {
      notFound: () =>
        persistedError(
          'PERSISTED_DOCUMENT_NOT_FOUND',
          'No persisted document has this documentId: the app was built from other operations than this gateway serves; deploy the app and the gateway from the same build.',
        ),
      persistedQueryOnly: (payload) => {
        const client = payload.request.headers.get(CLIENT_NAME_HEADER);
        return persistedError(
          'PERSISTED_DOCUMENT_REQUIRED',
          `${client ? `Client "${client}" may` : 'This gateway lets clients'} send only persisted documents: send {"documentId": "sha256:…"} of an operation in the app's manifest (npm run codegen), not a query.`,
        );
      },
      keyNotFound: () => persistedError('PERSISTED_DOCUMENT_REQUIRED', 'Send either a query or a documentId ("sha256:" and the document\'s SHA-256 in hex).'),
    },
  };
}
