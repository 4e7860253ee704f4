/**
 * The dependency rule of the layout (issue 19), checked by test/architecture/dependency-rule.test.ts
 * and by `npm run lint:deps`. A subgraph's whole story is in its own folder plus what every subgraph
 * shares; the gateway's runtime carries no build-time code; web/src shares only domain rules.
 * Paths are relative to the repository root.
 */

/**
 * A dependency on a file of this repository: not an npm package, not a Node built-in, and not an
 * unresolvable specifier (type-only imports of packages codegen names, e.g. @graphql-typed-document-node/core;
 * an unresolvable relative import fails tsc anyway).
 */
const LOCAL = { dependencyTypesNot: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown', 'unknown'] };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'subgraph-only-own-and-shared',
      comment:
        'A subgraph (subgraphs/<x>/) imports only its own folder, subgraphs/shared and npm packages; it reaches other subgraphs through federation (entity keys), never through their code.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/', pathNot: '^subgraphs/shared/' },
      to: { ...LOCAL, pathNot: ['^subgraphs/$1/', '^subgraphs/shared/'] },
    },
    {
      name: 'shared-imports-no-subgraph',
      comment: 'subgraphs/shared is what every subgraph uses, so it depends on none of them (nor on the subgraph list).',
      severity: 'error',
      from: { path: '^subgraphs/shared/' },
      to: { ...LOCAL, pathNot: '^subgraphs/shared/' },
    },
    {
      name: 'gateway-runtime-no-build-time-code',
      comment:
        'The gateway runtime (auth, limits, transport, serving) loads the composed supergraph; composition, scripts, infra and tests are build or dev time.',
      severity: 'error',
      from: { path: '^gateway/(auth|limits|transport|serving)/' },
      to: { path: '^(gateway/composition|scripts|infra|test)/' },
    },
    {
      name: 'product-code-no-test-code',
      comment: 'Shipped code (gateway, subgraphs, partners) never imports the test suite or the benchmark.',
      severity: 'error',
      from: { path: '^(gateway|subgraphs|partners)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'web-only-itself-and-domain',
      comment: 'The web app is bundled for the browser: it shares only the pure domain rules (regions…) with the subgraphs.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { ...LOCAL, pathNot: ['^web/src/', '^subgraphs/shared/domain/'] },
    },
    {
      name: 'no-circular',
      comment: 'Modules that import each other cannot be understood, tested or moved one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdk\\.out|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
