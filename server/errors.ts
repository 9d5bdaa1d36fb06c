import type { ApiError } from '../shared/api'

/** Any failure a route answers with: an HTTP status and an ApiError body. */
export class ApiFailure extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Fields beside `error` in the body, e.g. the current conversation on a 409 conflict. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiFailure'
  }

  toBody(): ApiError {
    return { error: { code: this.code, message: this.message }, ...this.details }
  }
}

export const notFound = (what: string): ApiFailure => new ApiFailure(404, 'not_found', `${what} does not exist`)

export const cursorExpired = (after: number): ApiFailure =>
  new ApiFailure(
    410,
    'cursor_expired',
    `Change cursor ${after} is older than the changes this server keeps, or belongs to another dataset: start over from GET /workspace and a fresh bootstrap.`,
  )
