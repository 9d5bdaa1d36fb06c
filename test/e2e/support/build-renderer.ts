/**
 * Builds the renderer into out/renderer when it is missing or older than its sources, with the same
 * settings electron-vite uses for its renderer block. Only the renderer: the e2e tests drive it in
 * browser mode and do not need the main or preload bundles.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { build } from 'vite'

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
export const RENDERER_OUT = join(ROOT, 'out/renderer')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

export function rendererIsStale(): boolean {
  const index = join(RENDERER_OUT, 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  const sources = Math.max(newestMtime(join(ROOT, 'renderer')), newestMtime(join(ROOT, 'shared')))
  return sources > built
}

export async function buildRenderer(force = false): Promise<void> {
  if (!force && !rendererIsStale()) return
  await build({
    configFile: false,
    root: join(ROOT, 'renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [vue()],
    resolve: { alias: { '@shared': join(ROOT, 'shared'), '@renderer': join(ROOT, 'renderer/src') } },
    build: {
      outDir: RENDERER_OUT,
      emptyOutDir: true,
      rollupOptions: {
        input: join(ROOT, 'renderer/index.html'),
        // zod's sources carry comments rollup cannot place; harmless, and noise in test output.
        onwarn(warning, warn) {
          if (warning.code !== 'INVALID_ANNOTATION') warn(warning)
        },
      },
    },
  })
}
