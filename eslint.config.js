import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'data', 'bench/out', '.tmp', 'bin', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // platform is infrastructure: no capability's code in it but the routes server.ts registers
    // (test/layout.test.ts also checks for cycles between capabilities)
    files: ['src/platform/**/*.ts'],
    ignores: ['src/platform/server.ts', 'src/platform/**/*.test.ts', 'src/platform/test-seed.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../registry/*', '../aid/*', '../dropout/*', '../care/*', '../schools/*', '../projects/*', '../indicators/*', '../tasks/*', '../cli/*', '../demo/*'], message: 'platform imports no capability (style.md); register routes in server.ts' }] },
      ],
    },
  },
  {
    // Kysely with a table chosen at run time (one upsert for three lists) needs a loose type there.
    files: ['src/**/*.repository.ts', 'src/db/migrations/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
