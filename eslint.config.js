// Lint rules, including the import directions the layout depends on:
// shared/ imports neither side, electron/ and renderer/ never import each other, server/ imports only shared/.
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'

const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench-results/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['shared/**'],
    rules: noImport(['**/electron/**', '**/renderer/**', '**/server/**', 'electron', '@renderer/*'], 'shared/ imports neither side.'),
  },
  {
    files: ['electron/**'],
    rules: noImport(['**/renderer/**', '@renderer/*'], 'electron/ never imports the renderer.'),
  },
  {
    files: ['renderer/**'],
    rules: noImport(['**/electron/**', '**/server/**', 'electron', 'better-sqlite3', 'axios', 'node:*'], 'The renderer talks only to window.observe.'),
  },
  {
    files: ['server/**'],
    rules: noImport(['**/electron/**', '**/renderer/**', '@renderer/*', 'electron'], 'server/ imports only shared/.'),
  },
)
