// ESLint: typescript-eslint's type-checked recommended rules over our TypeScript, plus the checks this codebase leans
// on (exhaustive switches over the discriminated unions: webview intents, tree node kinds, API versions). Formatting
// is Prettier's job (`npm run lint` runs both), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import ts from 'typescript';

// The core's folders, read from tsconfig.core.json so the list lives in one place.
const coreFiles = ts.readConfigFile(`${import.meta.dirname}/tsconfig.core.json`, ts.sys.readFile).config?.include;
if (!Array.isArray(coreFiles)) throw new Error('eslint.config.mjs: tsconfig.core.json has no "include" list');

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out-test/', '.vscode-e2e/', '.cache/', 'test-results/', '**/*.js', '**/*.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.core.json', './tsconfig.webview.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // node:test's test()/describe() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      // The core validates what it receives (unknown plus guards); these flag the guards' own narrowing steps.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // A wrapper forwards the rejection it caught, whatever it is (as only-throw-error allows); new ones are Errors.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // The vscode-free core: a second guard besides tsconfig.core.json (compiled without @types/vscode), so an import
    // of 'vscode' there is also named by the linter, with the reason.
    files: coreFiles,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'The core runs in plain Node (CLI, simulator, unit tests): take what it needs as a parameter.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers and fixtures as they come; their assertions are the type check.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes stand in for async interfaces: `async` keeps them shaped like the real thing (a throw rejects).
      '@typescript-eslint/require-await': 'off',
    },
  },
);
