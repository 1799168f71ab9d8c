import { splitCredentials, withoutCredentials } from './credentials.js'

export interface RetryPolicy {
  attempts: number
  /** First backoff; doubles each retry. */
  baseDelayMs: number
  /** Longest wait honoured from a Retry-After header. */
  maxDelayMs: number
  timeoutMs: number
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 60_000
}

/**
 * The retry policy, with the per-request timeout taken from SDIST_DIFF_HTTP_TIMEOUT (seconds) when set,
 * for slow mirrors (and for tests of timeouts), and the first backoff from SDIST_DIFF_RETRY_DELAY_MS.
 */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv): RetryPolicy {
  const seconds = Number(env.SDIST_DIFF_HTTP_TIMEOUT)
  const timeout = Number.isFinite(seconds) && seconds > 0 ? { timeoutMs: seconds * 1000 } : {}
  const delay = retryDelayFromEnv(env)
  return { ...DEFAULT_RETRY, ...timeout, ...(delay === undefined ? {} : { baseDelayMs: delay }) }
}

/**
 * SDIST_DIFF_RETRY_DELAY_MS: the unit of backoff between retries, for the index and the GitHub API (so
 * that tests of retries need not wait them out); Retry-After headers are honoured as sent.
 */
export function retryDelayFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.SDIST_DIFF_RETRY_DELAY_MS
  const ms = Number(value)
  return value !== undefined && value !== '' && Number.isFinite(ms) && ms >= 0 ? ms : undefined
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504])

/**
 * GET with a timeout per attempt and bounded retries with exponential backoff for network errors and
 * transient statuses (5xx, 408, 429 with Retry-After). Other statuses come back to the caller.
 */
export async function fetchWithRetry(
  url: string,
  headers: Record<string, string>,
  policy: RetryPolicy = DEFAULT_RETRY,
  fetcher: typeof fetch = fetch
): Promise<Response> {
  const { url: plain, authorization } = splitCredentials(url)
  const sent = authorization ? { ...headers, Authorization: authorization } : headers
  let lastProblem = ''
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    let wait = policy.baseDelayMs * 2 ** (attempt - 1)
    try {
      const response = await fetcher(plain, {
        headers: sent,
        signal: AbortSignal.timeout(policy.timeoutMs),
        redirect: 'follow'
      })
      if (!TRANSIENT.has(response.status)) return response
      lastProblem = `HTTP ${response.status}`
      wait = Math.max(wait, retryAfterMs(response.headers.get('retry-after'), policy.maxDelayMs))
      await response.body?.cancel()
    } catch (error) {
      lastProblem = describeFetchError(error, policy)
    }
    if (attempt < policy.attempts) await sleep(Math.min(wait, policy.maxDelayMs))
  }
  throw new HttpError(
    `GET ${plain} failed after ${policy.attempts} attempts (last: ${lastProblem})`
  )
}

/** A response's text; a body that stalls or breaks off names the URL and what was tried. */
export async function readText(
  response: Response,
  url: string,
  policy: RetryPolicy = DEFAULT_RETRY
): Promise<string> {
  try {
    return await response.text()
  } catch (error) {
    throw new HttpError(
      `GET ${withoutCredentials(url)}: HTTP ${response.status} came, then the body ${bodyProblem(error, policy)}`
    )
  }
}

/** Why reading a body failed: "stalled: not complete within 60 s (not retried)", "broke off (…)". */
export function bodyProblem(error: unknown, policy: RetryPolicy = DEFAULT_RETRY): string {
  const reason = describeFetchError(error, policy)
  return (error as Error).name === 'TimeoutError'
    ? `stalled: not complete within ${policy.timeoutMs / 1000} s of the request (not retried)`
    : `broke off (${reason}; not retried)`
}

function retryAfterMs(header: string | null, cap: number): number {
  if (!header) return 0
  const seconds = Number(header)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now()
  return Math.min(Math.max(0, ms), cap)
}

function describeFetchError(error: unknown, policy: RetryPolicy): string {
  const err = error as Error & { cause?: { code?: string; message?: string } }
  if (err.name === 'TimeoutError') return `no answer within ${policy.timeoutMs / 1000} s`
  return err.cause?.code ?? err.cause?.message ?? err.message
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
