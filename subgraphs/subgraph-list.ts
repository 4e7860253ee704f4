import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { employersSubgraph } from './employers/subgraph.js';
import { peopleSubgraph } from './people/subgraph.js';
import { programsSubgraph } from './programs/subgraph.js';
import type { SubgraphHandler } from './shared/graphql/subgraph-server.js';
import type { ApplyStreamRecords, ProjectedItem } from './shared/dynamodb/stream-records.js';
import type { TableDefinition } from './shared/dynamodb/table-definition.js';

/**
 * What a partner province's subgraph may do, checked by `npm run compose` (gateway/composition/partner-policy.ts;
 * PARTNERS.md explains each rule). Subgraphs without it are core subgraphs.
 */
export interface PartnerPolicy {
  /** Prefix of its own type names, e.g. `Shanxi`; its root fields and entity fields start with it lowercased (`shanxi…`). */
  readonly namespace: string;
  /**
   * Personal-data fields (`Type.field`, marked `@policy(policies: [["personal_data"]])` in a core SDL,
   * gateway/auth/personal-data.ts) it may receive through its field sets (`@key`, `@requires`,
   * `@provides`, `@fromContext`); granted by the owners of those fields.
   * @default - none
   */
  readonly personalDataGrants?: readonly string[];
  /**
   * The kill switch: `false` leaves it out of composition, so the gateway stops routing to it once
   * the new supergraph is published. `DISABLED_SUBGRAPHS=name,…` does the same without an edit.
   * @default true
   */
  readonly enabled?: boolean;
}

/** How a handler reaches its table. */
export interface SubgraphStorage {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
}

/**
 * How `npm run codegen` (codegen.ts) types a subgraph's resolvers from its SDL into
 * `generated/resolver-types.ts` beside it. Module paths are relative to the subgraph's folder (the
 * folder of its `schemaFile`), as the subgraph's own files import them.
 */
export interface ResolverTypes {
  /** The context every resolver receives, e.g. `./context.js#PeopleContext`. */
  readonly contextType: string;
  /**
   * The record each GraphQL type's resolvers receive instead of the generated type, e.g.
   * `{ Person: './person-repository.js#PersonRecord' }`. `Region` is mapped for every subgraph.
   */
  readonly mappers: Readonly<Record<string, string>>;
}

/** A subgraph whose code is in this repository: CDK deploys it as a table + Lambda function. */
export interface InRepoSubgraph {
  readonly name: string;
  readonly table: TableDefinition;
  /** Its SDL; its folder (handler.ts, stream-handler.ts, generated/) is this file's. */
  readonly schemaFile: URL;
  readonly resolverTypes: ResolverTypes;
  readonly createHandler: (storage: SubgraphStorage) => SubgraphHandler;
  /** Its local port: core subgraphs 4001–4009, partner subgraphs from 4010. */
  readonly port: number;
  readonly partner?: PartnerPolicy;
  /**
   * Its projections of other subgraphs' tables: the items it reads from their streams, and how it
   * applies them to its own table. CDK maps those streams to its stream-handler.ts; the local runner
   * polls them (scripts/stream-poller.ts).
   * @default - none
   */
  readonly projections?: {
    readonly items: readonly ProjectedItem[];
    readonly createApply: (storage: SubgraphStorage) => ApplyStreamRecords;
  };
}

/** A partner subgraph hosted by the province itself: we hold its SDL (the contract) and where to reach it. */
export interface ExternalPartnerSubgraph {
  readonly name: string;
  /** Its SDL, reviewed here; composition reads this file, never the running service. */
  readonly schemaFile: URL;
  /** Where it runs in production; always https. */
  readonly url: string;
  /** Where it runs on a developer's machine (`npm start` starts the example there). */
  readonly port: number;
  /**
   * Where the gateway finds the HMAC-SHA256 secret it signs requests to this partner with (the
   * partner holds the same secret to verify them): an environment variable locally, a Secrets
   * Manager secret in AWS.
   */
  readonly secret: { readonly env: string; readonly secretsManagerName: string };
  /** Starts the service on this machine, as the province runs it (examples only). */
  readonly localService?: URL;
  readonly partner: PartnerPolicy;
}

/**
 * The one list of subgraphs in this repository. Composition, codegen's resolver types, the local
 * runner (tables, handlers, stream pollers; demo data by name, scripts/demo/index.ts), the gateway,
 * the tests and CDK (tables, functions, stream mappings) read it; adding a subgraph means its folder
 * and its entry here, nothing else (`npm run subgraph:new -- NAME` writes both).
 */
export const subgraphList: readonly InRepoSubgraph[] = [
  { ...peopleSubgraph, port: 4001 },
  { ...employersSubgraph, port: 4002 },
  { ...programsSubgraph, port: 4003 },
  // npm run subgraph:new adds in-repo subgraphs above this line.
];

/** Partner subgraphs hosted by provinces; PARTNERS.md shows how one joins. */
export const externalPartnerList: readonly ExternalPartnerSubgraph[] = [
  {
    // Shanxi's employee-system (员工制) pilot: labor-service companies, contracts, social insurance.
    name: 'shanxi',
    schemaFile: new URL('../partners/shanxi/schema.graphql', import.meta.url),
    url: 'https://graphql.rst.shanxi.example.cn/labor-cooperation/graphql',
    port: 4010,
    secret: { env: 'SHANXI_GATEWAY_SECRET', secretsManagerName: 'labor-cooperation/partners/shanxi' },
    localService: new URL('../partners/shanxi/server.ts', import.meta.url),
    partner: { namespace: 'Shanxi' },
  },
];

export type SubgraphEntry = InRepoSubgraph | ExternalPartnerSubgraph;

export const localUrl = (entry: { port: number }, host = 'localhost') => `http://${host}:${entry.port}/graphql`;

export const isExternalPartner = (entry: SubgraphEntry): entry is ExternalPartnerSubgraph => 'url' in entry;

/** Names the kill switch turns off: `enabled: false` in the list, or DISABLED_SUBGRAPHS=name,… */
export function disabledSubgraphs(
  env: NodeJS.ProcessEnv = process.env,
  entries: readonly SubgraphEntry[] = [...subgraphList, ...externalPartnerList],
): Set<string> {
  const fromEnv = (env.DISABLED_SUBGRAPHS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of fromEnv) {
    const entry = entries.find((e) => e.name === name);
    if (!entry) throw new Error(`DISABLED_SUBGRAPHS names "${name}", which is not in the subgraph list (${entries.map((e) => e.name).join(', ')}).`);
    if (!entry.partner) throw new Error(`DISABLED_SUBGRAPHS names "${name}", a core subgraph: only partner subgraphs have a kill switch.`);
  }
  return new Set([...entries.filter((e) => e.partner?.enabled === false).map((e) => e.name), ...fromEnv]);
}

/** Every subgraph the gateway routes to: in-repo and external, minus the ones switched off. */
export function routedSubgraphs(env: NodeJS.ProcessEnv = process.env): SubgraphEntry[] {
  const disabled = disabledSubgraphs(env);
  return [...subgraphList, ...externalPartnerList].filter((entry) => !disabled.has(entry.name));
}
