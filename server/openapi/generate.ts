/** npm run openapi: writes server/openapi.json from the zod schemas. */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderOpenApiDocument } from './document'

export const OPENAPI_FILE = fileURLToPath(new URL('../openapi.json', import.meta.url))

writeFileSync(OPENAPI_FILE, renderOpenApiDocument())
console.log(`wrote ${OPENAPI_FILE}`)
