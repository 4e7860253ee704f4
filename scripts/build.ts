/**
 * `npm run build`: the Lambda bundles, one folder per function under dist/, each deployable as it is
 * (CDK takes the folders as assets; the CDK app runs this same build at every synth, so a deployed
 * bundle can never be older than its source).
 *
 *   dist/<subgraph>/   index.mjs (handler: index.handler), chunks/, source maps, the SDL files it reads
 *   dist/gateway/      the same with supergraph.graphql, and node_modules/ with the query planner (the
 *                      binary for the function architecture only) and the explorer, loaded by import()
 *
 * `npm run build -- --measure` also prints each bundle's module-load time here, and `--sdk external`
 * builds with the AWS SDK left to the Lambda runtime's copy, to compare (into dist/sdk-external/).
 */
import { buildSubgraph, FEDERATION_UNNAMED_SUBGRAPH_NAME, printSchema } from '@apollo/federation-internals';
import { build, type Plugin } from 'esbuild';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import type { PrebuiltSubgraphSchema } from '../subgraphs/shared/graphql/prebuilt-subgraph-schema.js';
import { subgraphTypeDefs } from '../subgraphs/shared/graphql/shared-types.js';
import { subgraphList } from '../subgraphs/subgraph-list.js';
import { buildWebApp } from '../web/build.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The one architecture every function runs on. Graviton (arm64) costs 20 % less per GB-second than
 * x86_64 at the same memory, and the Rust planner ships a linux-arm64-gnu binary (smaller, too).
 * The CDK stack takes the architecture from the bundles, so the binary and the function always agree.
 */
export const LAMBDA_ARCHITECTURE: LambdaArchitecture = 'arm64';
export type LambdaArchitecture = 'arm64' | 'x86_64';

/** The Rust query planner: loaded by a dynamic import esbuild cannot follow, so it ships as a package. */
export const PLANNER_PACKAGE = '@graphql-hive/router-query-planner';
const PLANNER_BINARY: Record<LambdaArchitecture, string> = {
  arm64: 'hive_router_query_planner.linux-arm64-gnu.node',
  x86_64: 'hive_router_query_planner.linux-x64-gnu.node',
};
/**
 * GraphiQL with every asset inline (9 MB, no dependencies), imported on the first explorer request.
 * Shipped as it is: bundling it would only make every build 3 s slower.
 */
export const EXPLORER_PACKAGE = '@graphql-yoga/render-graphiql';

/** Packages the gateway loads with import() from node_modules beside its bundle, and their files. */
const gatewayPackages = (architecture: LambdaArchitecture): Record<string, readonly string[]> => ({
  [PLANNER_PACKAGE]: ['package.json', 'dist/index.js', `dist/${PLANNER_BINARY[architecture]}`],
  [EXPLORER_PACKAGE]: ['package.json', 'esm/index.js', 'esm/graphiql.js'],
});

export interface BuildOptions {
  /** @default 'dist' under the repository root */
  readonly outdir?: string;
  /** @default LAMBDA_ARCHITECTURE */
  readonly architecture?: LambdaArchitecture;
  /**
   * 'bundled': the AWS SDK v3 clients are part of each bundle (the chosen way, see README).
   * 'external': left to the SDK the Lambda runtime carries; only for measuring the difference.
   * @default 'bundled'
   */
  readonly sdk?: 'bundled' | 'external';
}

/** Where each function's code is, and what it was built for. */
export interface Bundles {
  readonly architecture: LambdaArchitecture;
  /** The folder of the gateway function's code. */
  readonly gateway: string;
  /** The folder of each subgraph function's code, by subgraph name. */
  readonly subgraphs: Readonly<Record<string, string>>;
  /** The folder of each stream-projection function's code, by the name of the subgraph it writes. */
  readonly streamHandlers: Readonly<Record<string, string>>;
  /** The npm packages each bundle holds code of, by bundle folder (esbuild's metafile). */
  readonly packages?: Readonly<Record<string, readonly string[]>>;
}

/** The content-hashed name a file our code reads is copied under, beside the bundle. */
const assetName = (file: string) =>
  `${basename(file, extname(file))}-${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 8)}${extname(file)}`;

const FILE_URL = /new URL\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Our code reads its SDL files at run time with `readFileSync(new URL('./schema.graphql',
 * import.meta.url))`, which works unchanged under tsx and vitest. In a bundle, import.meta.url is the
 * bundle, so this plugin follows every such URL in our source, copies the file beside the bundle
 * under a content-hashed name (two subgraphs' `schema.graphql` cannot collide) and rewrites the URL
 * to it. A URL to a file that does not exist fails the build instead of the first request.
 */
function fileUrlAssets(outdir: string): Plugin {
  return {
    name: 'file-url-assets',
    setup(esbuild) {
      const emitted = new Map<string, string>();
      esbuild.onStart(() => emitted.clear());
      esbuild.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const errors: { text: string }[] = [];
        const contents = source.replace(FILE_URL, (whole, quote: string, path: string) => {
          const file = resolve(dirname(args.path), path);
          if (!existsSync(file) || !statSync(file).isFile()) {
            // `new URL('.', import.meta.url)` and friends name folders: nothing to carry.
            if (path.endsWith('/')) return whole;
            errors.push({ text: `${relative(ROOT, args.path)} reads ${path}, which is not a file (${relative(ROOT, file)}).` });
            return whole;
          }
          const name = assetName(file);
          emitted.set(name, file);
          return `new URL(${quote}./${name}${quote}, import.meta.url)`;
        });
        const loader = /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js';
        return { contents, loader, errors, watchFiles: [...emitted.values()] };
      });
      esbuild.onEnd((result) => {
        if (result.errors.length > 0) return;
        for (const [name, file] of emitted) copyFileSync(file, join(outdir, name));
      });
    },
  };
}

/**
 * Packages that ship both an ESM and a CommonJS build end up in a bundle twice when ESM code imports
 * them and CommonJS code (e.g. @as-integrations/aws-lambda, @apollo/subgraph) requires them: two
 * copies of graphql (and of @apollo/server with its protobuf tables) cost size and break
 * `instanceof` checks across the two. Every require of these resolves to the ESM build instead.
 */
const SINGLE_COPY = /^(graphql|@apollo\/server|@apollo\/usage-reporting-protobuf|lru-cache)(\/.*)?$/;
function singleCopyOfDualPackages(): Plugin {
  return {
    name: 'single-copy-of-dual-packages',
    setup(esbuild) {
      esbuild.onResolve({ filter: SINGLE_COPY }, async (args) => {
        if (args.pluginData === 'single-copy') return undefined;
        // graphql's files come in pairs (x.js, x.mjs); a folder (`graphql/validation`) has index.mjs.
        const esmPaths = !args.path.startsWith('graphql/')
          ? [args.path]
          : /\.m?js$/.test(args.path)
            ? [args.path.replace(/\.js$/, '.mjs')]
            : [`${args.path}.mjs`, `${args.path}/index.mjs`];
        if (args.kind !== 'require-call' && esmPaths[0] === args.path) return undefined;
        for (const esmPath of esmPaths) {
          const resolved = await esbuild.resolve(esmPath, {
            kind: 'import-statement',
            resolveDir: args.resolveDir,
            importer: args.importer,
            pluginData: 'single-copy',
          });
          if (resolved.errors.length === 0) return { path: resolved.path, namespace: resolved.namespace };
        }
        return undefined;
      });
    },
  };
}

interface LockedPackage {
  readonly version?: string;
  readonly integrity?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/**
 * One copy of each package where npm installed several identical ones. npm nests a package under
 * each dependant the hoisted copy does not suit (the root pins @graphql-tools/utils 11, the Hive
 * packages each want 12.1.0: fourteen nested copies), and a bundle then holds each copy's code. Two
 * copies are merged only when they are the same tarball (package-lock.json's integrity) and every
 * package they load resolves, from where each sits, to copies that are again the same: the code that
 * runs is the same, only in one module instance (as `npm dedupe` would install it).
 */
function oneCopyOfIdenticalPackages(): Plugin {
  const lock = (JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> }).packages;
  /** The lockfile path Node reaches `name` at from the package at `from`: the nearest node_modules up. */
  const reach = (from: string, name: string): string | undefined => {
    for (let dir = from; ; ) {
      const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      if (lock[candidate]) return candidate;
      if (!dir) return undefined;
      const up = dir.lastIndexOf('/node_modules/');
      dir = up < 0 ? '' : dir.slice(0, up);
    }
  };
  const identities = new Map<string, string>();
  /** Equal for two copies exactly when they and all they load are the same code. */
  const identity = (path: string): string => {
    const known = identities.get(path);
    if (known !== undefined) return known;
    // A cycle (or anything unusual) keeps the copy as it is: its path is its identity.
    identities.set(path, path);
    const locked = lock[path]!;
    if (!locked.integrity) return path;
    const names = Object.keys({ ...locked.dependencies, ...locked.optionalDependencies, ...locked.peerDependencies }).sort();
    const deps = names.map((name) => {
      const reached = reach(path, name);
      return `${name}=${reached ? identity(reached) : '-'}`;
    });
    const id = `${locked.integrity}(${deps.join(',')})`;
    identities.set(path, id);
    return id;
  };
  const canonical = new Map<string, string>();
  for (const path of Object.keys(lock)
    .filter((p) => p.includes('node_modules/'))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))) {
    const id = identity(path);
    if (id !== path && !canonical.has(id)) canonical.set(id, path);
  }
  const PACKAGE_PATH = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)(\/.*)?$/;
  return {
    name: 'one-copy-of-identical-packages',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        // 'single-copy': singleCopyOfDualPackages resolving its own pick, which stays as it is.
        if (args.pluginData === 'identical-copies' || args.pluginData === 'single-copy' || args.namespace !== 'file' || args.path.startsWith('node:'))
          return undefined;
        const resolved = await esbuild.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'identical-copies',
        });
        if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== 'file') return undefined;
        const match = PACKAGE_PATH.exec(relative(ROOT, resolved.path).split(sep).join('/'));
        if (!match || !lock[match[1]!]) return undefined;
        const chosen = canonical.get(identity(match[1]!));
        if (!chosen || chosen === match[1]) return undefined;
        return { path: join(ROOT, chosen, match[2] ?? ''), sideEffects: resolved.sideEffects };
      });
    },
  };
}

const SUBGRAPH_SCHEMA_MODULE = fileURLToPath(new URL('../subgraphs/shared/graphql/subgraph-schema.ts', import.meta.url));

/**
 * What `buildSubgraphSchema` of @apollo/subgraph 2.14 computes from a subgraph's SDL before it adds
 * resolvers, computed here by the same calls (buildSubgraphSchema.js): the federation checks, the
 * printed schema and graphql-js's own validation of it. Undefined for a schema that extends a type it
 * does not define (its graphql-js schema needs one more step than the SDL); such a subgraph's schema
 * is built at cold start as in development.
 */
export function prebuildSubgraphSchema(schemaFile: URL): PrebuiltSubgraphSchema | undefined {
  const subgraph = buildSubgraph(FEDERATION_UNNAMED_SUBGRAPH_NAME, '', subgraphTypeDefs(schemaFile), false);
  const sdl = printSchema(subgraph.schema);
  const withoutDefinition = (subgraph.schema as unknown as { emptyASTDefinitionsForExtensionsWithoutDefinition(): unknown[] })
    .emptyASTDefinitionsForExtensionsWithoutDefinition;
  if (typeof withoutDefinition !== 'function')
    throw new Error('@apollo/federation-internals changed: update prebuildSubgraphSchema (scripts/build.ts) to the new buildSubgraphSchema.');
  if (withoutDefinition.call(subgraph.schema).length > 0) return undefined;
  // graphql-js's SDL validation, as toGraphQLJSSchema runs it; the bundle then skips it.
  subgraph.schema.toGraphQLJSSchema();
  const queryRootName = subgraph.schema.schemaDefinition.rootType('query')?.name;
  if (!queryRootName) throw new Error(`${relative(ROOT, fileURLToPath(schemaFile))} has no query root type.`);
  return { sdl, queryRootName, hasEntities: subgraph.metadata().entityType() !== undefined };
}

/**
 * In a subgraph's bundle, subgraph-schema.ts becomes `schemaFromPrebuilt` of that subgraph's prebuilt
 * schema: the federation library (a third of the bundle) is neither loaded nor run at cold start.
 */
function prebuiltSubgraphSchema(schemaFile: URL): Plugin {
  return {
    name: 'prebuilt-subgraph-schema',
    setup(esbuild) {
      const prebuilt = prebuildSubgraphSchema(schemaFile);
      if (!prebuilt) return;
      // The URL the bundled schema.ts passes, as fileUrlAssets rewrites it.
      const asset = assetName(fileURLToPath(schemaFile));
      const source = relative(ROOT, fileURLToPath(schemaFile));
      esbuild.onLoad({ filter: /[\\/]subgraph-schema\.ts$/ }, (args) => {
        if (args.path !== SUBGRAPH_SCHEMA_MODULE) return undefined;
        return {
          loader: 'ts',
          resolveDir: dirname(args.path),
          contents: [
            "import { schemaFromPrebuilt } from './prebuilt-subgraph-schema.js';",
            `const prebuilt = ${JSON.stringify(prebuilt)};`,
            'export function subgraphSchema(schemaFile: URL, resolvers: Parameters<typeof schemaFromPrebuilt>[1]) {',
            `  if (!schemaFile.pathname.endsWith(${JSON.stringify(`/${asset}`)}))`,
            `    throw new Error(\`This bundle holds the prebuilt schema of ${source}, not of \${schemaFile.pathname}: bundle each subgraph with its own (scripts/build.ts).\`);`,
            '  return schemaFromPrebuilt(prebuilt, resolvers);',
            '}',
          ].join('\n'),
        };
      });
    },
  };
}

/**
 * Packages the gateway runtime imports (one ESM file, so esbuild cannot drop them) for features our
 * gateway never configures, by the names it imports and the setting that would call them. In the
 * gateway's bundle they become functions that throw: 0.5 MB (a fifth of the bundle) less to load at
 * every cold start. Setting one of these features on createGatewayRuntime (gateway/serving/gateway.ts)
 * means deleting its entry here (the stub's error says so); test/infra/bundle-contents.test.ts
 * checks they stay out, test/infra/deploy-fidelity.test.ts runs the bundle.
 */
export const LEFT_OUT_OF_GATEWAY: Readonly<Record<string, { readonly names: readonly string[]; readonly usedFor: string }>> = {
  '@theguild/federation-composition': {
    names: ['composeServices', 'compositionHasErrors'],
    usedFor: 'composing subgraphs inside the gateway (`subgraphs`, or a supergraph fetched as services); ours loads a composed supergraph',
  },
  '@graphql-yoga/plugin-apollo-usage-report': {
    names: ['useApolloUsageReport'],
    usedFor: 'GraphOS usage reporting (`reporting: { type: "graphos" }`, or a supergraph of type "graphos")',
  },
  '@graphql-hive/yoga': {
    names: ['useHive'],
    usedFor: 'Hive Console usage reporting and persisted documents (`reporting` or `persistedDocuments` of type "hive")',
  },
  '@graphql-hive/core': {
    names: ['createCDNArtifactFetcher', 'joinUrl'],
    usedFor: 'a supergraph or schema fetched from the Hive CDN (`supergraph` or `schema` of type "hive")',
  },
};

function leaveOutOfGateway(): Plugin {
  const names = Object.keys(LEFT_OUT_OF_GATEWAY);
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
  return {
    name: 'leave-out-of-gateway',
    setup(esbuild) {
      // Only the runtime's own imports: a package that needs one for real keeps it.
      esbuild.onResolve({ filter }, (args) =>
        args.importer.includes(`${sep}node_modules${sep}@graphql-hive${sep}gateway-runtime${sep}`) ? { path: args.path, namespace: 'left-out' } : undefined,
      );
      esbuild.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => {
        const { names: exported, usedFor } = LEFT_OUT_OF_GATEWAY[args.path]!;
        const message = `${args.path} is left out of the gateway's Lambda bundle: it is only for ${usedFor}. To use that, remove it from LEFT_OUT_OF_GATEWAY in scripts/build.ts.`;
        return {
          loader: 'js',
          contents: exported.map((name) => `export function ${name}() { throw new Error(${JSON.stringify(message)}); }`).join('\n'),
        };
      });
    },
  };
}

/**
 * Copies packages beside a bundle, only the files named: the planner with the one binary for the
 * function's architecture (the other three are 8 MB more), the explorer with its ESM build only.
 */
function copyPackages(outdir: string, packages: Record<string, readonly string[]>): void {
  for (const [name, packageFiles] of Object.entries(packages)) {
    const from = join(ROOT, 'node_modules', name);
    const { version } = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as { version: string };
    for (const file of packageFiles) {
      if (!existsSync(join(from, file))) throw new Error(`${name} ${version} has no ${file}: its layout changed; update the build (scripts/build.ts).`);
      const to = join(outdir, 'node_modules', name, file);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(join(from, file), to);
    }
  }
}

/** One function's bundle: minified ESM for Node 22 with source maps and the files it reads. */
export async function bundle(
  entry: string,
  outdir: string,
  options: Required<BuildOptions>,
  external: readonly string[] = [],
  plugins: readonly Plugin[] = [],
) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const { metafile } = await build({
    metafile: true,
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Code reached only by a dynamic import (the gateway's explorer, 9 MB of GraphiQL) becomes a
    // chunk of its own that a cold start does not load.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    // Stack traces in CloudWatch point at the source (NODE_OPTIONS=--enable-source-maps); the
    // mappings are enough for that, the sources themselves would only make the asset bigger.
    sourcemap: true,
    sourcesContent: false,
    // Prefer the ESM build of dual packages.
    mainFields: ['module', 'main'],
    // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    external: [...external, ...(options.sdk === 'external' ? ['@aws-sdk/*', '@smithy/*'] : [])],
    // Plugins of one bundle first: an onLoad of theirs takes precedence over fileUrlAssets'.
    plugins: [...plugins, singleCopyOfDualPackages(), oneCopyOfIdenticalPackages(), fileUrlAssets(outdir)],
    logLevel: 'warning',
  });
  // Marks the folder as ESM for Node and for the Lambda runtime, whatever the file extension.
  writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n');
  for (const map of files(outdir).filter((file) => file.endsWith('.map'))) relocateSources(map, outdir);
  return packagesOf(Object.keys(metafile.inputs));
}

/** The npm packages (by name, nested copies once) that files of a build came from. */
const packagesOf = (inputs: readonly string[]) =>
  [...new Set(inputs.flatMap((input) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input)?.[1] ?? []))].sort();

/**
 * esbuild writes source paths relative to where the bundle was built (`../../subgraphs/…`), which
 * point outside the function's folder once deployed. Rewritten as if the repository were laid out
 * in that folder, a stack trace in CloudWatch reads `/var/task/subgraphs/shared/config.ts:33`.
 */
function relocateSources(mapFile: string, outdir: string): void {
  const map = ownCodeOnly(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMap);
  const mapDir = dirname(mapFile);
  map.sources = map.sources.map((source) =>
    relative(mapDir, join(outdir, relative(ROOT, resolve(mapDir, source))))
      .split(sep)
      .join('/'),
  );
  writeFileSync(mapFile, JSON.stringify(map));
}

interface SourceMap {
  sources: string[];
  names: string[];
  mappings: string;
  [field: string]: unknown;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeSegment(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeValue(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let text = '';
  do {
    const digit = rest & 31;
    rest >>>= 5;
    text += BASE64[rest > 0 ? digit | 32 : digit];
  } while (rest > 0);
  return text;
}

/**
 * Keeps the mappings into our own source and drops those into node_modules (a position there is
 * marked unmapped), with the sources and names only they used. Stack frames in our code still point
 * at the source; the map shrinks to a fraction, and with it the asset Lambda loads at cold start.
 */
export function ownCodeOnly(map: SourceMap): SourceMap {
  const keep = map.sources.map((source) => !source.includes('node_modules/'));
  const sources: string[] = [];
  const names: string[] = [];
  const sourceIndex = new Map<number, number>();
  const nameIndex = new Map<number, number>();
  let source = 0,
    line = 0,
    column = 0,
    name = 0;
  let outSource = 0,
    outLine = 0,
    outColumn = 0,
    outName = 0;
  const lines = map.mappings.split(';').map((text) => {
    let generated = 0,
      outGenerated = 0;
    let unmapped = false;
    const segments: string[] = [];
    for (const segment of text ? text.split(',') : []) {
      const [g, s, l, c, n] = decodeSegment(segment);
      generated += g!;
      if (s === undefined) continue;
      source += s;
      line += l!;
      column += c!;
      if (n !== undefined) name += n;
      if (!keep[source]) {
        // One unmapped marker ends the previous mapping; more in a row add nothing.
        if (!unmapped && segments.length > 0) {
          segments.push(encodeValue(generated - outGenerated));
          outGenerated = generated;
        }
        unmapped = true;
        continue;
      }
      unmapped = false;
      if (!sourceIndex.has(source)) sourceIndex.set(source, sources.push(map.sources[source]!) - 1);
      const mappedSource = sourceIndex.get(source)!;
      let encoded =
        encodeValue(generated - outGenerated) + encodeValue(mappedSource - outSource) + encodeValue(line - outLine) + encodeValue(column - outColumn);
      outGenerated = generated;
      outSource = mappedSource;
      outLine = line;
      outColumn = column;
      if (n !== undefined) {
        if (!nameIndex.has(name)) nameIndex.set(name, names.push(map.names[name]!) - 1);
        const mappedName = nameIndex.get(name)!;
        encoded += encodeValue(mappedName - outName);
        outName = mappedName;
      }
      segments.push(encoded);
    }
    return segments.join(',');
  });
  return { ...map, sources, names, mappings: lines.join(';') };
}

/** Builds every function's bundle; `Bundles` says where each one is. */
export async function buildBundles(options: BuildOptions = {}): Promise<Bundles> {
  const resolved: Required<BuildOptions> = {
    outdir: resolve(ROOT, options.outdir ?? 'dist'),
    architecture: options.architecture ?? LAMBDA_ARCHITECTURE,
    sdk: options.sdk ?? 'bundled',
  };
  const packages: Record<string, readonly string[]> = {};
  const subgraphs = await Promise.all(
    subgraphList.map(async (subgraph) => {
      // Every subgraph's Lambda entry point is handler.ts beside its schema.graphql.
      const entry = fileURLToPath(new URL('./handler.ts', subgraph.schemaFile));
      if (!existsSync(entry)) throw new Error(`Subgraph ${subgraph.name} has no Lambda entry point at ${relative(ROOT, entry)}.`);
      const outdir = join(resolved.outdir, subgraph.name);
      packages[outdir] = await bundle(entry, outdir, resolved, [], [prebuiltSubgraphSchema(subgraph.schemaFile)]);
      return [subgraph.name, outdir] as const;
    }),
  );
  // A subgraph's stream-handler.ts, where it has one, is the entry of its projections function.
  const streamHandlers = await Promise.all(
    subgraphList.flatMap((subgraph) => {
      const entry = fileURLToPath(new URL('./stream-handler.ts', subgraph.schemaFile));
      const outdir = join(resolved.outdir, `${subgraph.name}-projections`);
      return existsSync(entry)
        ? [
            bundle(entry, outdir, resolved).then((inBundle) => {
              packages[outdir] = inBundle;
              return [subgraph.name, outdir] as const;
            }),
          ]
        : [];
    }),
  );
  const gateway = join(resolved.outdir, 'gateway');
  if (subgraphs.some(([name]) => name === 'gateway')) throw new Error('A subgraph may not be named "gateway": its bundle folder is the gateway\'s.');
  const shipped = gatewayPackages(resolved.architecture);
  packages[gateway] = await bundle(join(ROOT, 'gateway', 'serving', 'handler.ts'), gateway, resolved, Object.keys(shipped), [leaveOutOfGateway()]);
  copyPackages(gateway, shipped);
  return {
    architecture: resolved.architecture,
    gateway,
    subgraphs: Object.fromEntries(subgraphs),
    streamHandlers: Object.fromEntries(streamHandlers),
    packages,
  };
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));

/** Bytes on disk, and about what the asset zip holds (deflate of each file, as zip does). */
export function bundleSize(dir: string): { raw: number; zipped: number } {
  let raw = 0;
  let zipped = 0;
  for (const file of files(dir)) {
    const content = readFileSync(file);
    raw += content.length;
    zipped += deflateRawSync(content, { level: 9 }).length + 100;
  }
  return { raw, zipped };
}

/**
 * Median time to import a bundle in a fresh Node process, as a cold start does (with source maps on,
 * as the functions run): elapsed, and CPU, which a busy machine disturbs less. The handlers read
 * their configuration at import: `env` (and this process's environment) must satisfy them.
 */
export function measureModuleLoad(dir: string, env: Record<string, string>, runs = 5): { elapsedMs: number; cpuMs: number } {
  const script = [
    'const cpu = process.cpuUsage(), started = performance.now();',
    `await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});`,
    'const used = process.cpuUsage(cpu);',
    'console.log(JSON.stringify({ elapsedMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }));',
  ].join('\n');
  const samples = Array.from({ length: runs }, () => {
    const run = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (run.status !== 0)
      throw new Error(
        `Importing ${relative(ROOT, dir)}/index.mjs failed:\n${run.stderr
          .split('\n')
          .filter((line) => line.length < 500)
          .slice(-12)
          .join('\n')}`,
      );
    return JSON.parse(run.stdout) as { elapsedMs: number; cpuMs: number };
  });
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { elapsedMs: median(samples.map((s) => s.elapsedMs)), cpuMs: median(samples.map((s) => s.cpuMs)) };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const sdkIndex = args.indexOf('--sdk');
  const sdk = sdkIndex >= 0 ? (args[sdkIndex + 1] as 'bundled' | 'external') : 'bundled';
  if (sdk !== 'bundled' && sdk !== 'external') throw new Error(`--sdk must be bundled or external, got ${JSON.stringify(sdk)}.`);
  const started = performance.now();
  const bundles = await buildBundles({ sdk, ...(sdk === 'external' ? { outdir: 'dist/sdk-external' } : {}) });
  console.log(
    `Built ${Object.keys(bundles.subgraphs).length + 1} bundles for ${bundles.architecture} (AWS SDK ${sdk}) in ${Math.round(performance.now() - started)} ms:`,
  );
  const measure = args.includes('--measure');
  // Only what module load reads; nothing is called, so the values need not point anywhere (the key is a throwaway).
  const env = {
    TABLE_NAME: 'measure',
    GATEWAY_PUBLIC_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    AWS_REGION: 'us-east-1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const [name, dir] of [...Object.entries(bundles.subgraphs), ['gateway', bundles.gateway] as const]) {
    const size = bundleSize(dir);
    const load = measure
      ? ((m) => `, module load ${Math.round(m.elapsedMs)} ms (${Math.round(m.cpuMs)} ms CPU), median of 5`)(measureModuleLoad(dir, env))
      : '';
    console.log(`  ${name.padEnd(10)} ${relative(ROOT, dir).padEnd(24)} ${mib(size.raw)} raw, ${mib(size.zipped)} zipped${load}`);
  }
  // The web app: static files (web/dist) the local gateway serves at /app/; not part of any Lambda.
  const web = await buildWebApp();
  const webSize = bundleSize(web.outdir);
  console.log(
    `  web app    ${relative(ROOT, web.outdir).padEnd(24)} ${mib(webSize.raw)} raw, ${mib(webSize.zipped)} zipped (source maps included), built in ${web.ms} ms`,
  );
}
