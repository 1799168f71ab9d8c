import * as core from '@actions/core'
import { resolve } from 'node:path'
import { retryPolicyFromEnv } from '../acquire/http.js'
import { proxiedFetch, proxySettingsFromEnv } from '../acquire/proxy.js'
import { DEFAULT_INDEX_URL } from '../acquire/simple-index.js'
import { runDependencyReview } from '../pipeline/run-dependencies.js'
import type { ReleaseRun } from '../pipeline/run-release.js'
import type { RunContext } from '../publish/pull-requests.js'
import { readLimitsFromEnv } from '../read/limits-from-env.js'
import { logLine } from '../render/escape.js'
import type { Inputs } from './inputs.js'
import { toolCacheForArchives } from './sdist-cache.js'

/**
 * `compare: dependencies`: the pull request's base commit's dependency files against the checkout's.
 * The base is read with git from the clone, so it must hold that commit.
 */
export async function reviewPullRequestDependencies(
  inputs: Inputs,
  context: RunContext
): Promise<ReleaseRun> {
  const base = (context.payload.pull_request?.base as { sha?: unknown } | undefined)?.sha
  if (typeof base !== 'string')
    throw new Error(
      `compare: dependencies reads the base of a pull request, and this ${context.eventName || 'unknown'} event has none: run it on pull_request (or pull_request_target)`
    )
  const cache = toolCacheForArchives()
  const proxied = proxiedFetch(proxySettingsFromEnv(process.env))
  return runDependencyReview(
    {
      workingDirectory: resolve(inputs.workingDirectory),
      baseRef: base,
      globs: inputs.dependencyFiles,
      indexUrl: inputs.indexUrl ?? DEFAULT_INDEX_URL,
      config: { path: resolve(inputs.config), explicit: inputs.configExplicit },
      policy: inputs,
      options: {
        readLimits: readLimitsFromEnv(process.env),
        retry: retryPolicyFromEnv(process.env),
        concurrency: 4
      }
    },
    {
      ...(cache && { cache }),
      ...(proxied && { fetch: proxied }),
      log: message => core.info(logLine(message)),
      notice: message => core.notice(logLine(message))
    }
  )
}
