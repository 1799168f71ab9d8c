import * as core from '@actions/core'
import * as github from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { HttpClient } from '@actions/http-client'
import { randomUUID } from 'node:crypto'
import { fetch as undiciFetch } from 'undici'
import { retryDelayFromEnv } from '../acquire/http.js'

/** How long the comment step may take: per request, and for everything it does together. */
export interface ApiLimits {
  requestTimeoutMs: number
  budgetMs: number
  /** The retry plugin's unit of backoff: it waits 1, 4 and 9 of them before its three retries. */
  retryDelayMs: number
}

export const DEFAULT_API_LIMITS: ApiLimits = {
  requestTimeoutMs: 30_000,
  budgetMs: 120_000,
  retryDelayMs: 1000
}

/**
 * SDIST_DIFF_GITHUB_TIMEOUT (seconds per request, default 30) and SDIST_DIFF_COMMENT_BUDGET (seconds for
 * the whole comment step, default 120), the way SDIST_DIFF_HTTP_TIMEOUT sets the index's timeout;
 * SDIST_DIFF_RETRY_DELAY_MS (the backoff unit, default 1000 ms) as it sets the index's first backoff.
 */
export function apiLimitsFromEnv(env: NodeJS.ProcessEnv): ApiLimits {
  const seconds = (name: string, fallback: number) => {
    const value = Number(env[name])
    return Number.isFinite(value) && value > 0 ? value * 1000 : fallback
  }
  return {
    requestTimeoutMs: seconds('SDIST_DIFF_GITHUB_TIMEOUT', DEFAULT_API_LIMITS.requestTimeoutMs),
    budgetMs: seconds('SDIST_DIFF_COMMENT_BUDGET', DEFAULT_API_LIMITS.budgetMs),
    retryDelayMs: retryDelayFromEnv(env) ?? DEFAULT_API_LIMITS.retryDelayMs
  }
}

/** The API could not be reached or did not answer in time; `reason` says which, in words. */
export class ApiUnreachable extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'ApiUnreachable'
  }
}

/** What the network did during the comment step, for the warning when the budget runs out. */
export interface ApiSession {
  budget: AbortSignal
  limits: ApiLimits
  /** Why the last request failed to get an answer, if one did. */
  lastFailure?: string
}

export function startApiSession(limits: ApiLimits): ApiSession {
  return { budget: AbortSignal.timeout(limits.budgetMs), limits }
}

/**
 * fetch with a per-request timeout and the step's budget; failures say what happened, without HTML.
 * Only `origin` (GITHUB_API_URL's) is ever asked: the token goes nowhere else, whatever a response links.
 */
function boundedFetch(session: ApiSession, origin: string): typeof fetch {
  const { requestTimeoutMs } = session.limits
  const send = toolkitFetch(origin)
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.origin !== origin)
      throw new ApiUnreachable(
        `refused to send the token to ${url.origin}, which is not GITHUB_API_URL's origin ${origin}`
      )
    const timeout = AbortSignal.timeout(requestTimeoutMs)
    const signals = [timeout, session.budget, ...(init.signal ? [init.signal] : [])]
    try {
      return await send(input, { ...init, signal: AbortSignal.any(signals) })
    } catch (error) {
      const reason = session.budget.aborted
        ? budgetReason(session)
        : timeout.aborted
          ? `no answer within ${requestTimeoutMs / 1000} s`
          : networkReason(error)
      session.lastFailure = session.budget.aborted ? session.lastFailure : reason
      throw new ApiUnreachable(reason)
    }
  }
}

/**
 * The fetch @actions/github gives an octokit: undici's, through the runner's proxy (HTTPS_PROXY,
 * NO_PROXY, as @actions/http-client reads them) when one is set for the API's host.
 */
function toolkitFetch(origin: string): typeof fetch {
  const dispatcher = new HttpClient().getAgentDispatcher(origin)
  if (!dispatcher) return fetch
  return ((input: string | URL | Request, init: RequestInit = {}) =>
    undiciFetch(input as string, { ...(init as object), dispatcher })) as unknown as typeof fetch
}

/** "gave up after 120 s (last: connection refused)". */
export function budgetReason(session: ApiSession): string {
  const last = session.lastFailure ? ` (last: ${session.lastFailure})` : ''
  return `gave up after ${session.limits.budgetMs / 1000} s${last}`
}

function networkReason(error: unknown): string {
  const { message, cause } = error as {
    message?: string
    cause?: { code?: string; message?: string }
  }
  const code = cause?.code
  if (code === 'ECONNREFUSED') return 'connection refused'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset'
  return code ?? cause?.message ?? message ?? String(error)
}

/**
 * One octokit for the comment step: `baseUrl` (GITHUB_API_URL); every request bounded in time and
 * aborted when `budget` ends; 5xx and network errors retried three times; a rate limit waited out twice
 * at most, and never past the budget.
 */
export function makeOctokit(
  token: string,
  baseUrl: string,
  session: ApiSession = startApiSession(DEFAULT_API_LIMITS)
) {
  const deadline = Date.now() + session.limits.budgetMs
  const waitOut =
    (kind: string) =>
    (
      retryAfter: number,
      options: { method: string; url: string },
      _octokit: unknown,
      retryCount: number
    ) => {
      const fits = Date.now() + retryAfter * 1000 < deadline
      if (retryCount < 2 && fits)
        core.warning(
          `GitHub ${kind} on ${options.method} ${options.url}; retrying in ${retryAfter} s`
        )
      return retryCount < 2 && fits
    }
  return github.getOctokit(
    token,
    {
      baseUrl,
      request: { fetch: boundedFetch(session, new URL(baseUrl).origin) },
      retry: {
        doNotRetry: [400, 401, 403, 404, 410, 422, 451],
        retryAfterBaseValue: session.limits.retryDelayMs
      },
      throttle: {
        // The plugin's limiters are module-wide, keyed by id: one key per octokit keeps GitHub's spacing
        // between this run's writes without making a later run in the same process wait on them.
        id: randomUUID(),
        onRateLimit: waitOut('rate limit'),
        onSecondaryRateLimit: waitOut('secondary rate limit')
      }
    },
    retry,
    throttling
  )
}

export type Octokit = ReturnType<typeof makeOctokit>
