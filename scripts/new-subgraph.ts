/**
 * `npm run subgraph:new -- NAME`: scaffolds an in-repo partner subgraph in subgraphs/NAME/ on the
 * shape of the others (SDL, resolvers typed by codegen, repository, table, context, Lambda handler,
 * a test), adds its entry to the subgraph list with the next free port from 4010, and generates its
 * resolver types. Nothing else changes: codegen, the local runner and CDK read the list. It keeps the partner policy from the start (its types start with
 * the namespace), so `npm run compose` accepts it and its test passes as generated. PARTNERS.md
 * goes on from there.
 */
import { generate } from '@graphql-codegen/cli';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIST_MARKER = '  // npm run subgraph:new adds in-repo subgraphs above this line.';
const RESERVED = new Set(['shared', 'generated', 'gateway', 'subgraph', 'subgraphs', 'test', 'infra', 'scripts', 'web']);
export const FIRST_PARTNER_PORT = 4010;

/** `hebei` → `Hebei`: the type-name prefix of the subgraph's namespace. */
export const namespaceOf = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** Why NAME cannot be a subgraph name, or null when it can. */
export function nameProblem(name: string | undefined, taken: readonly string[], root = ROOT): string | null {
  if (!name) return 'Give the subgraph a name: npm run subgraph:new -- NAME (e.g. hebei, neimenggu).';
  if (!/^[a-z][a-z0-9]*$/.test(name)) {
    // One word: it becomes the namespace (Hebei…, hebei…) and the table's name as it is.
    return `"${name}" is not a subgraph name: use one word of lowercase letters and digits, starting with a letter (e.g. hebei, neimenggu).`;
  }
  if (name.length < 3 || name.length > 24)
    return `"${name}" must be 3 to 24 characters long (it also names the subgraph's DynamoDB table), got ${name.length}.`;
  if (RESERVED.has(name)) return `"${name}" is reserved for the repository's own folders; choose the province's or project's name.`;
  if (taken.includes(name)) return `A subgraph named "${name}" is already in subgraphs/subgraph-list.ts.`;
  if (existsSync(join(root, 'subgraphs', name))) return `subgraphs/${name}/ already exists; remove it or choose another name.`;
  return null;
}

/** The next port from 4010 that no listed subgraph uses. */
export function nextFreePort(used: readonly number[]): number {
  let port = FIRST_PARTNER_PORT;
  while (used.includes(port)) port += 1;
  return port;
}

function insertBefore(file: string, marker: string, text: string): void {
  const source = readFileSync(file, 'utf8');
  if (!source.includes(marker)) throw new Error(`${file} has lost its line "${marker.trim()}"; put it back where new entries go.`);
  writeFileSync(file, source.replace(marker, `${text}${marker}`));
}

function files(name: string, ns: string): Record<string, string> {
  const field = ns.charAt(0).toLowerCase() + ns.slice(1);
  const camel = field;
  return {
    'schema.graphql': `# The ${name} partner subgraph, scaffolded by \`npm run subgraph:new\`: an example note about a
# person to replace with the province's own data. Its own types start with \`${ns}\`, its root
# fields and the fields it adds to shared entities with \`${field}\` (PARTNERS.md, the partner policy).
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

type Query {
  "The note with this id, or null when there is none."
  ${field}Note(id: ID!): ${ns}Note
}

"A note the ${name} subgraph keeps about a person."
type ${ns}Note @key(fields: "id") {
  id: ID!
  person: Person!
  text: String!
  createdAt: DateTime!
}

# People belong to the people subgraph; this one adds its notes. Nullable, so that this subgraph
# failing never nulls the person.
type Person @key(fields: "id") {
  id: ID!
  "This subgraph's notes about the person, oldest first."
  ${field}Notes: [${ns}Note!]
}
`,
    'table.ts': `import type { TableDefinition } from '../shared/dynamodb/table-definition.js';

/** The ${name} table: notes, and each person's notes together (key scheme in note-repository.ts). */
export const ${camel}Table: TableDefinition = {
  name: '${name}',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [],
};
`,
    'note-repository.ts': `import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getManyById } from '../shared/dynamodb/batch-get.js';
import { newId } from '../shared/domain/ids.js';
import { transactWrite } from '../shared/dynamodb/transactions.js';

export interface NoteRecord {
  readonly id: string;
  /** The people subgraph's person id. */
  readonly personId: string;
  readonly text: string;
  readonly createdAt: string;
}

interface PersonNotesRecord {
  readonly id: string;
  readonly notes: readonly NoteRecord[];
}

// The key scheme, known to this file only.
const noteKey = (id: string) => ({ pk: \`note#\${id}\`, sk: 'note' });
const personKey = (id: string) => ({ pk: \`person#\${id}\`, sk: 'notes' });

/** Notes, and each person's notes in one item so a list of people reads one BatchGetItem per 100. */
export class NoteRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  getMany(ids: readonly string[]): Promise<(NoteRecord | null)[]> {
    return getManyById<NoteRecord>(this.documents, this.tableName, ids, noteKey);
  }

  async notesOfPeople(personIds: readonly string[]): Promise<NoteRecord[][]> {
    const people = await getManyById<PersonNotesRecord>(this.documents, this.tableName, personIds, personKey);
    return people.map((person) => [...(person?.notes ?? [])]);
  }

  /** Adds a note: the note and the person's list change together or not at all. */
  async add(personId: string, text: string, now = new Date()): Promise<NoteRecord> {
    const note: NoteRecord = { id: newId('note'), personId, text, createdAt: now.toISOString() };
    await transactWrite(this.documents, [
      { Put: { TableName: this.tableName, Item: { ...noteKey(note.id), ...note }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: this.tableName,
          Key: personKey(personId),
          UpdateExpression: 'SET id = :person, notes = list_append(if_not_exists(notes, :none), :note)',
          ExpressionAttributeValues: { ':person': personId, ':none': [], ':note': [note] },
        },
      },
    ]);
    return note;
  }
}
`,
    'context.ts': `import DataLoader from 'dataloader';
import type { RequestContext } from '../shared/graphql/subgraph-server.js';
import type { SubgraphStorage } from '../subgraph-list.js';
import { NoteRepository, type NoteRecord } from './note-repository.js';

export interface ${ns}Context extends RequestContext {
  readonly notes: NoteRepository;
  /** Per request: every note or person read in one tick becomes one BatchGetItem (per 100 ids). */
  readonly noteLoader: DataLoader<string, NoteRecord | null>;
  readonly personNotesLoader: DataLoader<string, NoteRecord[]>;
}

/** The repository lives as long as the process; loaders (and their caches) as long as one request. */
export function ${camel}Context({ documents, tableName }: SubgraphStorage) {
  const notes = new NoteRepository(documents, tableName);
  return (base: RequestContext): ${ns}Context => ({
    ...base,
    notes,
    noteLoader: new DataLoader((ids) => notes.getMany(ids)),
    personNotesLoader: new DataLoader((ids) => notes.notesOfPeople(ids)),
  });
}
`,
    'resolvers.ts': `import { sharedTypeResolvers } from '../shared/graphql/shared-types.js';
import type { Resolvers } from './generated/resolver-types.js';

export const resolvers: Resolvers = {
  ...sharedTypeResolvers,
  Query: {
    ${field}Note: (_, { id }, { noteLoader }) => noteLoader.load(id),
  },
  ${ns}Note: {
    __resolveReference: (reference, { noteLoader }) => noteLoader.load(reference.id),
    person: (note) => ({ id: note.personId }),
  },
  Person: {
    ${field}Notes: (person, _, { personNotesLoader }) => personNotesLoader.load(person.id),
  },
};
`,
    'schema.ts': `import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { subgraphSchema } from '../shared/graphql/subgraph-schema.js';
import { resolvers } from './resolvers.js';

/** The ${name} subgraph's schema: built here, served by handler.ts, tested directly. Starts nothing. */
export const ${camel}Schema = subgraphSchema(
  new URL('./schema.graphql', import.meta.url),
  // Codegen's resolver types are stricter than Apollo's map type; they describe the same object.
  resolvers as GraphQLResolverMap<unknown>,
);
`,
    'subgraph.ts': `import { createSubgraphHandler, type SubgraphHandler } from '../shared/graphql/subgraph-server.js';
import type { SubgraphStorage } from '../subgraph-list.js';
import { ${camel}Context } from './context.js';
import { ${camel}Schema } from './schema.js';
import { ${camel}Table } from './table.js';

/** What the rest of the system needs to know to store, serve and compose the ${name} subgraph. */
export const ${camel}Subgraph = {
  name: '${name}',
  table: ${camel}Table,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  /** Its resolvers' types (npm run codegen): the records each type's resolvers receive. */
  resolverTypes: {
    contextType: './context.js#${ns}Context',
    mappers: { ${ns}Note: './note-repository.js#NoteRecord' },
  },
  createHandler: (storage: SubgraphStorage): SubgraphHandler =>
    createSubgraphHandler({ name: '${name}', schema: ${camel}Schema, createContext: ${camel}Context(storage) }),
};
`,
    'handler.ts': `import { readDynamoConfig, requireEnv } from '../shared/dynamodb/config.js';
import { createDynamoClients } from '../shared/dynamodb/client.js';
import { ${camel}Subgraph } from './subgraph.js';

/** The Lambda entry point. Configuration is read and checked once, at cold start. */
export const handler = ${camel}Subgraph.createHandler({
  documents: createDynamoClients(readDynamoConfig()).documents,
  tableName: requireEnv('TABLE_NAME'),
});
`,
  };
}

function testFile(name: string, ns: string): string {
  const field = ns.charAt(0).toLowerCase() + ns.slice(1);
  return `import { describe, expect, it } from 'vitest';
import { NoteRepository } from '../../subgraphs/${name}/note-repository.js';
import { ${field}Subgraph } from '../../subgraphs/${name}/subgraph.js';
import { serveSubgraph } from '../support/graphql.js';
import { useTables } from '../support/dynamo.js';

const tables = await useTables(${field}Subgraph.table);
const storage = { documents: tables.clients.documents, tableName: tables.tableName(${field}Subgraph.table) };
const { execute } = await serveSubgraph('${name}', ${field}Subgraph.createHandler(storage));
const notes = new NoteRepository(storage.documents, storage.tableName);

describe('the ${name} subgraph', () => {
  it('answers a note by id, and null for an id it does not know', async () => {
    const note = await notes.add('per_example', 'Scaffolded: replace with the province\\'s data.');
    const response = await execute(/* GraphQL */ \`query ($id: ID!) { ${field}Note(id: $id) { id text person { id } } missing: ${field}Note(id: "note_none") { id } }\`, { id: note.id });
    expect(response).toEqual({ data: { ${field}Note: { id: note.id, text: note.text, person: { id: 'per_example' } }, missing: null } });
  });

  it('adds its notes to people it is given by key, batched', async () => {
    const note = await notes.add('per_batched', 'A second note.');
    tables.calls.reset();
    const response = await execute(/* GraphQL */ \`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { ${field}Notes { id } } } }\`, {
      representations: [{ __typename: 'Person', id: 'per_batched' }, { __typename: 'Person', id: 'per_nobody' }],
    });
    expect(response).toEqual({ data: { _entities: [{ ${field}Notes: [{ id: note.id }] }, { ${field}Notes: [] }] } });
    expect(tables.calls.count('BatchGetItem')).toBe(1);
  });
});
`;
}

/** Scaffolds the subgraph; returns the lines to print. Throws with a message to show on bad input. */
export async function scaffoldSubgraph(
  name: string | undefined,
  options: { taken: readonly string[]; usedPorts: readonly number[]; root?: string },
): Promise<string[]> {
  const root = options.root ?? ROOT;
  const problem = nameProblem(name, options.taken, root);
  if (problem) throw new Error(problem);
  const ns = namespaceOf(name!);
  const camel = ns.charAt(0).toLowerCase() + ns.slice(1);
  const port = nextFreePort(options.usedPorts);
  const folder = join(root, 'subgraphs', name!);
  mkdirSync(join(folder, 'generated'), { recursive: true });
  for (const [file, content] of Object.entries(files(name!, ns))) writeFileSync(join(folder, file), content);
  mkdirSync(join(root, 'test', name!), { recursive: true });
  writeFileSync(join(root, 'test', name!, `${name}.test.ts`), testFile(name!, ns));

  insertBefore(join(root, 'subgraphs', 'subgraph-list.ts'), LIST_MARKER, `  { ...${camel}Subgraph, port: ${port}, partner: { namespace: '${ns}' } },\n`);
  const list = readFileSync(join(root, 'subgraphs', 'subgraph-list.ts'), 'utf8');
  writeFileSync(
    join(root, 'subgraphs', 'subgraph-list.ts'),
    list.replace(
      "import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\n",
      `import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nimport { ${camel}Subgraph } from './${name}/subgraph.js';\n`,
    ),
  );
  return [
    `Created subgraphs/${name}/ (schema.graphql, resolvers, note-repository.ts, table.ts, handler.ts…) and test/${name}/${name}.test.ts.`,
    `Added ${name} to subgraphs/subgraph-list.ts on port ${port}, namespace ${ns} (its types ${ns}…, its fields ${camel}…).`,
  ];
}

async function main() {
  const name = process.argv.slice(2).find((arg) => arg !== '--');
  // Read here, not imported at the top: the list is edited by this script.
  const { subgraphList, externalPartnerList } = await import('../subgraphs/subgraph-list.js');
  const entries = [...subgraphList, ...externalPartnerList];
  const lines = await scaffoldSubgraph(name, { taken: entries.map((e) => e.name), usedPorts: entries.map((e) => e.port) });
  for (const line of lines) console.log(line);
  // The list module was loaded before the scaffold added to it: the new entry is read from its own file.
  const { default: config, resolverTypesConfig } = await import('../codegen.js');
  const created = (await import(pathToFileURL(join(ROOT, 'subgraphs', name!, 'subgraph.ts')).href)) as Record<
    string,
    Parameters<typeof resolverTypesConfig>[0]
  >;
  const generates = resolverTypesConfig(created[`${name}Subgraph`]!);
  await generate({ ...config, generates, silent: true }, true);
  console.log(`Generated ${Object.keys(generates).join(', ')}.`);
  console.log(`Next: npm run compose (the partner policy checks it), then npx vitest run test/${name}; PARTNERS.md has the rest.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: Error) => {
    console.error(`subgraph:new: ${error.message}`);
    process.exit(1);
  });
}
