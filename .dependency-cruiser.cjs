// The shape `pnpm test` keeps (ARCHITECTURE.md): no import cycles, and each layer imports only
// those below it: calendar → domain → workflows → store → engine, queues → timers, notify, reports → services.
const IO = '^(node_modules/)?(pg|kysely|ioredis|bullmq|fastify|@fastify|nodemailer|argon2|exceljs|pino|smtp-server)(/|$)';
const pkg = (...names) => `^(packages|workflows|services)/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-undeclared',
      comment: "Every import resolves: a workspace package or library is declared in the importer's package.json.",
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    { name: 'no-cycle', comment: 'No import cycles, file by file.', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'pure-rules-no-io',
      comment: 'calendar, domain and the workflows are pure: no database, queue, HTTP or mail library.',
      severity: 'error',
      from: { path: pkg('calendar', 'domain', 'issue', 'project') },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg', 'npm-unknown'], path: IO },
    },
    {
      name: 'pure-rules-stay-below',
      comment: 'calendar, domain and the workflows import no store, engine, adapter, contract or service.',
      severity: 'error',
      from: { path: pkg('calendar', 'domain', 'issue', 'project'), pathNot: '\\.test\\.ts$' },
      to: { path: pkg('store', 'engine', 'queues', 'timers', 'notify', 'reports', 'contract', 'config', 'api', 'cli', 'worker', 'web', 'mailsink') },
    },
    {
      name: 'calendar-at-the-bottom',
      severity: 'error',
      from: { path: pkg('calendar') },
      to: { path: pkg('domain', 'issue', 'project') },
    },
    {
      name: 'domain-below-workflows',
      severity: 'error',
      from: { path: pkg('domain') },
      to: { path: pkg('issue', 'project') },
    },
    {
      name: 'store-persistence-only',
      comment: 'store holds tables, migrations and the ledger writer: no use case, API contract, adapter or service.',
      severity: 'error',
      from: { path: pkg('store') },
      to: { path: pkg('engine', 'contract', 'queues', 'timers', 'notify', 'reports', 'config', 'api', 'cli', 'worker', 'web', 'mailsink', 'issue', 'project') },
    },
    {
      name: 'engine-takes-ports',
      comment: 'the engine declares its ports (deps.ts); adapters and services plug into it, never the reverse.',
      severity: 'error',
      from: { path: pkg('engine') },
      to: { path: pkg('queues', 'timers', 'notify', 'reports', 'config', 'api', 'cli', 'worker', 'web', 'mailsink') },
    },
    {
      name: 'queues-wrap-bullmq-only',
      comment: "queues chooses BullMQ's backend (Redis or PostgreSQL): it knows no clock, mail or table of ours.",
      severity: 'error',
      from: { path: pkg('queues') },
      to: { path: pkg('calendar', 'domain', 'issue', 'project', 'store', 'engine', 'timers', 'notify', 'reports', 'contract', 'config', 'api', 'cli', 'worker', 'web', 'mailsink') },
    },
    {
      name: 'ledger-verify-stands-alone',
      comment: 'the independent verifier trusts nothing of the engine: node:crypto and its own documented rules only.',
      severity: 'error',
      from: { path: pkg('ledger-verify'), pathNot: '\\.test\\.ts$' },
      to: { pathNot: [pkg('ledger-verify'), '^node:', '^(crypto|fs|readline|util)$'] },
    },
    {
      name: 'packages-below-services',
      severity: 'error',
      from: { path: '^(packages|workflows)/' },
      to: { path: '^services/' },
    },
    {
      name: 'web-no-server',
      comment: 'the console runs in the browser: no server package, database or queue.',
      severity: 'error',
      from: { path: '^services/web/' },
      to: { path: [pkg('store', 'engine', 'queues', 'timers', 'notify', 'reports', 'config', 'api', 'cli', 'worker', 'mailsink'), IO] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Workspace packages resolve through their node_modules links and `exports` (./src/index.ts).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
