// @ts-check
import tseslint from 'typescript-eslint';

// The core is pure: no I/O, no framework, no adapter. This rule is the boundary.
const coreBoundary = {
  patterns: [
    { group: ['node:*'], message: 'src/core is pure: no Node I/O. Pass data in as arguments.' },
    {
      group: ['**/io/**', '**/cli/**', '**/store/**', '**/server/**', '**/web/**'],
      message: 'src/core must not import an adapter.',
    },
  ],
  paths: [
    'fs',
    'path',
    'os',
    'child_process',
    'http',
    'https',
    'net',
    'worker_threads',
    'process',
    'kysely',
    'better-sqlite3',
    'pg',
    'fastify',
    'exceljs',
    'docx',
    'commander',
    'react',
    'csv-parse',
    'cli-progress',
  ].map((name) => ({ name, message: 'src/core is pure: no I/O or framework.' })),
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'var/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreBoundary],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core is pure: pass settings in as arguments.' },
        { name: 'require', message: 'src/core is ESM and pure.' },
        { name: 'fetch', message: 'src/core is pure: no network.' },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
