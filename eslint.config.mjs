import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '.vscode-test/**', 'bench/.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' },
      // Type-aware rules: each file is checked with the tsconfig.json nearest to it.
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.mjs', '.dependency-cruiser.cjs', 'scripts/code-server.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A promise nobody awaits loses its error; a deliberate fire-and-forget says so with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // The model runs in vitest, Node scripts, workers and benchmarks as it is: no editor, no disk.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core is the pure model: it must not import vscode.' },
          { name: 'fs', message: 'src/core does no I/O.' },
          { name: 'node:fs', message: 'src/core does no I/O.' },
          { name: 'fs/promises', message: 'src/core does no I/O.' },
          { name: 'node:fs/promises', message: 'src/core does no I/O.' },
        ],
      }],
    },
  },
  {
    // Extension code reaches files only through vscode.workspace.fs, so remote and web workspaces work.
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    ignores: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'node:path'].map((name) => ({
          name, message: 'Use vscode.workspace.fs and vscode.Uri instead.',
        })),
      }],
    },
  },
);
