import { retryPolicyFromEnv } from '../acquire/http.js'
import { proxiedFetch, proxySettingsFromEnv } from '../acquire/proxy.js'
import { DEFAULT_INDEX_URL } from '../acquire/simple-index.js'
import { DEFAULT_CONFIG_PATH } from '../config/load-config.js'
import { CLI_POLICY } from '../decide/decide.js'
import type { Risk } from '../judge/severity.js'
import { runDependencyReview } from '../pipeline/run-dependencies.js'
import type { ReleaseRun } from '../pipeline/run-release.js'
import type { ReadLimits } from '../read/read-archive.js'
import { logLine } from '../render/escape.js'
import { cliCache, type CacheChoice } from './cache.js'

/** `sdist-diff --dependencies REF`: the pins at REF against the working tree's, progress on stderr. */
export function compareDependencies(
  options: CacheChoice & {
    workingDirectory?: string
    indexUrl?: string
    config?: string
    failOn: Risk
    dependencyFiles?: string[]
  },
  ref: string,
  io: { stderr: (text: string) => void },
  readLimits: ReadLimits
): Promise<ReleaseRun> {
  const proxied = proxiedFetch(proxySettingsFromEnv(process.env))
  const log = (message: string) => io.stderr(`${logLine(message)}\n`)
  const cache = cliCache(options, process.env, message => log(`warning: ${message}`))
  return runDependencyReview(
    {
      workingDirectory: options.workingDirectory ?? '.',
      baseRef: ref,
      globs: options.dependencyFiles ?? [],
      indexUrl: options.indexUrl ?? DEFAULT_INDEX_URL,
      config: {
        path: options.config ?? DEFAULT_CONFIG_PATH,
        explicit: options.config !== undefined
      },
      policy: { ...CLI_POLICY, failOn: options.failOn },
      options: { readLimits, retry: retryPolicyFromEnv(process.env), concurrency: 4 }
    },
    { log, notice: log, ...(proxied && { fetch: proxied }), ...(cache && { cache }) }
  )
}
