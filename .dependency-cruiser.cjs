/** Import rules of Abitare (STYLE.md): core is pure, shared is the contract, web never reaches the server. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core imports only core: no I/O, no framework, no database.',
      severity: 'error',
      from: { path: '^src/core', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/core'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-no-packages',
      comment: 'core uses no npm package (pure rules).',
      severity: 'error',
      from: { path: '^src/core', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['npm', 'npm-dev'] },
    },
    {
      name: 'shared-is-contract',
      comment: 'shared imports only core (kernel and the rules it exposes as enums) and zod.',
      severity: 'error',
      from: { path: '^src/shared' },
      to: { pathNot: ['^src/shared', '^src/core', 'node_modules/zod'] },
    },
    {
      name: 'web-never-imports-server',
      severity: 'error',
      from: { path: '^src/web' },
      to: { path: ['^src/server', '^src/cli'] },
    },
    {
      name: 'only-db-layer-touches-drivers',
      comment: 'Only server/db and *.queries.ts open database drivers.',
      severity: 'error',
      from: { pathNot: ['^src/server/db', '\\.queries\\.ts$', '^test/', '\\.test\\.ts$'] },
      to: { path: 'node_modules/(better-sqlite3|pg)/' },
    },
    {
      name: 'server-not-from-core-or-shared',
      severity: 'error',
      from: { path: '^src/(core|shared)' },
      to: { path: '^src/(server|web|cli)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['dist', 'data'] },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
