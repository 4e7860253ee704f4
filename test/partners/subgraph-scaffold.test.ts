import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runDynamoEndpoint } from '../support/dynamo.js';
import { graphqlClient } from '../support/graphql.js';
import { signDevToken } from '../../scripts/dev-keys.js';
import { nameProblem, nextFreePort } from '../../scripts/new-subgraph.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A copy of the repository as a developer has it (tracked and new files, not ignored ones), sharing
 * node_modules, committed in a git repository of its own so that `git status` shows what changes.
 */
function copyRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), 'repo-copy-'));
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .stdout.split('\0')
    .filter(Boolean);
  for (const file of listed) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-c', 'user.name=scaffold-test', '-c', 'user.email=scaffold-test@example.invalid', ...args], {
      cwd: copy,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in the copy: ${result.stderr}`);
    return result.stdout;
  };
  git('init', '-q');
  // The symlink is not the node_modules/ folder .gitignore ignores.
  writeFileSync(join(copy, '.git', 'info', 'exclude'), '/node_modules\n');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'the repository before the scaffold');
  return copy;
}

const copy = copyRepository();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(copy, { recursive: true, force: true });
});

/** Runs a command in the copy as a developer would, resolving with its exit code and output. */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: copy, env: { ...process.env, ...env } });
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('close', (status) => resolve({ status, output }));
  });
}

describe('npm run subgraph:new', () => {
  it('refuses a bad name with a message that says what a name must be', () => {
    expect(nameProblem(undefined, [])).toBe('Give the subgraph a name: npm run subgraph:new -- NAME (e.g. hebei, neimenggu).');
    expect(nameProblem('Inner Mongolia', [])).toBe(
      '"Inner Mongolia" is not a subgraph name: use one word of lowercase letters and digits, starting with a letter (e.g. hebei, neimenggu).',
    );
    expect(nameProblem('hb', [])).toBe('"hb" must be 3 to 24 characters long (it also names the subgraph\'s DynamoDB table), got 2.');
    expect(nameProblem('shared', [])).toBe("\"shared\" is reserved for the repository's own folders; choose the province's or project's name.");
    expect(nameProblem('shanxi', ['people', 'shanxi'])).toBe('A subgraph named "shanxi" is already in subgraphs/subgraph-list.ts.');
    expect(nextFreePort([4001, 4002, 4003, 4010])).toBe(4011);
  });

  it('scaffolds a subgraph in a copy of the repository that composes, passes its own test, starts and answers through the gateway', async () => {
    const scaffolded = await run('npm', ['run', '-s', 'subgraph:new', '--', 'hebei']);
    expect(scaffolded.output).toContain('Added hebei to subgraphs/subgraph-list.ts on port 4011, namespace Hebei');
    expect(scaffolded.status).toBe(0);

    // The partner policy and composition accept it as generated.
    const composed = await run('npm', ['run', '-s', 'compose']);
    expect(composed.output).toMatch(/Composed 5 subgraph\(s\) \(people, employers, programs, hebei, shanxi\)/);
    expect(readFileSync(join(copy, 'gateway/supergraph.graphql'), 'utf8')).toContain('@join__graph(name: "hebei", url: "http://localhost:4011/graphql")');

    // The whole codegen, from the list (the web app's types, every subgraph's resolver types), beside what follows.
    const generating = run('npm', ['run', '-s', 'codegen']);
    // The scripts below live in .data/, which git ignores: they are this test's, not the developer's change.
    mkdirSync(join(copy, '.data'), { recursive: true });

    // CDK reads the list too: the stack gets its table and its function (stub bundles, as test/infra does; deploy-fidelity builds real ones).
    writeFileSync(
      join(copy, '.data', 'synth-for-test.mts'),
      `import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LaborCooperationStack, listedPartnerSubgraphs } from '../infra/lib/labor-cooperation-stack.ts';
import { LAMBDA_ARCHITECTURE } from '../scripts/build.ts';
import { subgraphList } from '../subgraphs/subgraph-list.ts';
const outdir = mkdtempSync(join(tmpdir(), 'scaffold-bundles-'));
const stub = (name: string) => (mkdirSync(join(outdir, name)), writeFileSync(join(outdir, name, 'index.mjs'), 'export const handler = () => null;'), join(outdir, name));
const webApp = join(outdir, 'web');
mkdirSync(join(webApp, 'assets'), { recursive: true });
writeFileSync(join(webApp, 'index.html'), '<!doctype html><script type="module" src="/app/assets/index.js"></script>');
writeFileSync(join(webApp, 'assets', 'index.js'), 'export {};');
const stack = new LaborCooperationStack(new App(), 'LaborCooperation-dev', {
  stage: 'dev', subgraphs: subgraphList, partnerSubgraphs: listedPartnerSubgraphs(), webAppDirectory: webApp,
  bundles: {
    architecture: LAMBDA_ARCHITECTURE, gateway: stub('gateway'),
    subgraphs: Object.fromEntries(subgraphList.map((s) => [s.name, stub(s.name)])),
    streamHandlers: Object.fromEntries(subgraphList.filter((s) => s.projections).map((s) => [s.name, stub(s.name + '-projections')])),
  },
});
const resources = Object.entries(Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>);
console.log(JSON.stringify({
  tables: resources.filter(([, r]) => r.Type === 'AWS::DynamoDB::GlobalTable').map(([id]) => id.replace(/Table[0-9A-F]{8}$/, '')),
  functions: resources.filter(([, r]) => r.Type === 'AWS::Lambda::Function').map(([, r]) => r.Properties.Description),
}));
`,
    );
    const synthesized = run(process.execPath, ['--import', 'tsx', '.data/synth-for-test.mts']);

    // Its generated test, against this run's DynamoDB Local, beside the start below (2 cores, two processes).
    const testing = run('npx', ['vitest', 'run', 'test/hebei'], { DYNAMODB_ENDPOINT: runDynamoEndpoint(), NO_COLOR: '1' });

    // The copy's whole local system (its subgraphs, the new one included, and its gateway) in a process of its own.
    writeFileSync(
      join(copy, '.data', 'start-for-test.mts'),
      `import { startLocalSystem } from '../scripts/local-system.ts';
import { NoteRepository } from '../subgraphs/hebei/note-repository.ts';
import { subgraphList } from '../subgraphs/subgraph-list.ts';
const system = await startLocalSystem({
  dynamoEndpoint: process.env.DYNAMODB_ENDPOINT!, tablePrefix: 'scaffold-' + process.pid + '-', gatewayPort: 0, loadDemoData: false,
  subgraphPorts: Object.fromEntries(subgraphList.map((s) => [s.name, 0])), keys: JSON.parse(process.env.TEST_KEYS!),
});
const note = await new NoteRepository(system.clients.documents, system.tableNames.hebei!).add('per_example', '河北省扶贫办的备注');
console.log(JSON.stringify({ gatewayUrl: system.gatewayUrl, noteId: note.id }));
process.on('SIGTERM', () => void system.stop().then(() => process.exit(0)));
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', '.data/start-for-test.mts'], {
      cwd: copy,
      env: { ...process.env, DYNAMODB_ENDPOINT: runDynamoEndpoint(), TEST_KEYS: JSON.stringify(inject('keys')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const started = await new Promise<{ gatewayUrl: string; noteId: string }>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => l.startsWith('{"gatewayUrl"'));
        if (line) resolve(JSON.parse(line));
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the copy's local system exited (${code}):\n${output}`)));
    });

    const generated = await generating;
    expect(generated.status, generated.output).toBe(0);
    expect(readFileSync(join(copy, 'subgraphs/hebei/generated/resolver-types.ts'), 'utf8')).toContain('HebeiNote: ResolverTypeWrapper<NoteRecord>;');
    // The subgraph's folder, its test and its list entry, and the supergraph compose writes: nothing else
    // changed (codegen rewrote every other generated file as it was; core-subgraphs.ts lists core subgraphs only).
    const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=normal'], { cwd: copy, encoding: 'utf8' }).stdout;
    expect(status.split('\n').filter(Boolean).sort()).toEqual([
      ' M gateway/supergraph.graphql',
      ' M subgraphs/subgraph-list.ts',
      '?? subgraphs/hebei/',
      '?? test/hebei/',
    ]);

    const synth = await synthesized;
    expect(synth.status, synth.output).toBe(0);
    const stack = JSON.parse(synth.output.split('\n').find((line) => line.startsWith('{"tables"'))!) as { tables: string[]; functions: string[] };
    expect(stack.tables).toEqual(['People', 'Employers', 'Programs', 'Hebei']);
    expect(stack.functions).toContain('The hebei subgraph');

    const tested = await testing;
    expect(tested.output).toMatch(/Tests\s+2 passed/);
    expect(tested.status).toBe(0);

    // People are for signed-in users only, through whichever subgraph they are reached.
    const token = await signDevToken(inject('keys').issuerPrivateKey, { roles: ['caseworker'], provinces: ['130000'] });
    const response = await graphqlClient(started.gatewayUrl)(
      /* GraphQL */ `query ($id: ID!) { hebeiNote(id: $id) { id text person { id } } region(code: "130000") { name } }`,
      { id: started.noteId },
      { authorization: `Bearer ${token}` },
    );
    expect(response).toEqual({
      data: { hebeiNote: { id: started.noteId, text: '河北省扶贫办的备注', person: { id: 'per_example' } }, region: { name: '河北省' } },
    });
    // Six commands, each a process of its own, on 2 cores: longer than the suite's default 30 s.
  }, 240_000);
});
