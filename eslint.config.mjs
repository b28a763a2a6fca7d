// Lint rules, and the architecture's import edges (DESIGN.md "Libraries") enforced per Nx tag.
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const SERVICE_SCOPES = ['scope:authorize', 'scope:token', 'scope:consent', 'scope:grants', 'scope:audit'];

/** Libraries that wrap one external package; everyone else is banned from importing it directly. */
const OWNED_IMPORTS = {
  'type:crypto': ['jose', 'crypto', 'node:crypto'],
  'type:messaging': ['kafkajs'],
  'type:event-store': ['pg', 'pg-*'],
};
const bannedFor = (tag) =>
  Object.entries(OWNED_IMPORTS)
    .filter(([owner]) => owner !== tag)
    .flatMap(([, packages]) => packages);

const LIB_TYPES = [
  'type:crypto',
  'type:oauth',
  'type:event-store',
  'type:messaging',
  'type:contracts',
  'type:platform',
  'type:embedded-postgres',
  'type:core-bank',
];
// Every library's tests may use the fixtures; production code may not (no-restricted-imports below).
const TESTING = 'type:testing';

/** A library tag, the library tags it may depend on (DESIGN.md's "may import" column), and its bans. */
const libraryEdge = (tag, mayImport) => ({
  sourceTag: tag,
  onlyDependOnLibsWithTags: [...mayImport, TESTING],
  bannedExternalImports: bannedFor(tag),
});

const depConstraints = [
  // Scopes: services never reach into each other; only the embedded runtime composes them.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...SERVICE_SCOPES.map((scope) => ({ sourceTag: scope, onlyDependOnLibsWithTags: ['scope:shared', scope] })),
  { sourceTag: 'scope:runtime', onlyDependOnLibsWithTags: ['scope:shared', ...SERVICE_SCOPES] },
  // Types.
  libraryEdge('type:crypto', []),
  libraryEdge('type:contracts', []),
  libraryEdge('type:oauth', ['type:crypto', 'type:contracts']),
  libraryEdge('type:event-store', ['type:contracts']),
  libraryEdge('type:messaging', ['type:contracts']),
  // Beyond DESIGN.md's table: the platform wires every service's event backbone (store, relay,
  // consumer runtime), so the services themselves never assemble it.
  libraryEdge('type:platform', ['type:event-store', 'type:messaging', 'type:contracts']),
  // Not in DESIGN.md's table: the core banking system's port and its demo adapter, used by the
  // consent service (accounts, payments) and the authorize service (the consent page's account picker).
  // Its demo adapter prepares its hot statements with the event store's PreparedStatement.
  libraryEdge('type:core-bank', ['type:event-store']),
  // Not in DESIGN.md's table: split from platform so the test fixtures and the runtime share it
  // without a cycle through platform's own tests.
  {
    sourceTag: 'type:embedded-postgres',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: bannedFor('none'),
  },
  { sourceTag: TESTING, onlyDependOnLibsWithTags: LIB_TYPES, bannedExternalImports: bannedFor(TESTING) },
  // Benchmarks measure libraries against raw peers (node:crypto, kafkajs), so nothing is banned.
  { sourceTag: 'type:bench', onlyDependOnLibsWithTags: [...LIB_TYPES, TESTING] },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [...LIB_TYPES, TESTING, 'type:app'],
    bannedExternalImports: bannedFor('type:app'),
  },
];

/** A service's definition is importable as @grantline/<service>-service, by the embedded runtime only. */
const SERVICE_ENTRY_POINTS = ['authorize', 'token', 'consent', 'grants', 'audit'].map(
  (s) => `@grantline/${s}-service`,
);

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'];
const serviceEntryPoint = (name) => ({
  name,
  message:
    'Services learn about each other from events; only the embedded runtime (apps/grantline) composes them.',
});
const testingFixtures = { name: '@grantline/testing', message: 'Test fixtures are for tests only.' };
// Nx's graph has no node for built-ins, so node:crypto is banned here rather than by depConstraints.
const nodeCrypto = ['crypto', 'node:crypto'].map((name) => ({
  name,
  message: 'Cryptography lives in libs/crypto (@grantline/crypto): keys, randomness, comparisons.',
}));

/** Later blocks win in flat config, so each block states the whole list for the files it names. */
function restrictImports(files, paths) {
  return {
    files,
    rules: { 'no-restricted-imports': paths.length > 0 ? ['error', { paths }] : 'off' },
  };
}

export default [
  { ignores: ['**/dist', '**/node_modules', '.data', '.cache', '.nx', 'coverage', 'test-output', 'tmp'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allowCircularSelfDependency: false,
          allow: SERVICE_ENTRY_POINTS,
          depConstraints,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // Service entry points bypass the project-graph check above, so these keep them to the runtime;
  // test fixtures never ship, so production code must not import them.
  restrictImports(
    ['**/*.ts'],
    [...SERVICE_ENTRY_POINTS.map(serviceEntryPoint), testingFixtures, ...nodeCrypto],
  ),
  restrictImports(['apps/grantline/**/*.ts'], [testingFixtures, ...nodeCrypto]),
  restrictImports(TEST_FILES, [...SERVICE_ENTRY_POINTS.map(serviceEntryPoint), ...nodeCrypto]),
  restrictImports(
    ['apps/grantline/**/*.spec.ts', 'apps/grantline/**/*.int-spec.ts', 'apps/grantline/test/**/*.ts'],
    nodeCrypto,
  ),
  restrictImports(['libs/testing/**/*.ts'], nodeCrypto),
  restrictImports(['libs/crypto/**/*.ts'], [...SERVICE_ENTRY_POINTS.map(serviceEntryPoint), testingFixtures]),
  restrictImports(['bench/**/*.ts'], SERVICE_ENTRY_POINTS.map(serviceEntryPoint)),
];
