import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Rollup } from 'vite'

const shared = { '@shared': resolve(__dirname, 'shared') }

// zod ships comments Rollup cannot place; the warning says nothing about our code.
const onwarn: Rollup.RollupOptions['onwarn'] = (warning, warn) => {
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return
  warn(warning)
}

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The sync's writer thread (electron/main/sync/sync-writer.ts looks for it beside the bundle).
          'sync-writer': resolve(__dirname, 'electron/main/sync/writer-worker.ts'),
          // The cache's migration thread (electron/main/db/migrate-off-thread.ts looks for it the same way).
          'cache-migrate': resolve(__dirname, 'electron/main/db/migrate-worker.ts'),
          // The reference backend's page thread (electron/main/backend/reference/page-thread.ts looks for it the same way).
          'reference-pages': resolve(__dirname, 'electron/main/backend/reference/page-worker.ts'),
        },
        onwarn,
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        onwarn,
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias: { ...shared, '@renderer': resolve(__dirname, 'renderer/src') } },
    plugins: [vue()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html'), onwarn },
    },
  },
})
