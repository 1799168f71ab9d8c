import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './run-dist.js'

/**
 * A corpus in ../shared, or undefined (with a message) when it is absent. Under CI=true an absent
 * corpus is an error: CI must not pass by skipping the suites that need it.
 */
export function sharedCorpus(name: string, suite: string): string | undefined {
  const folder = join(REPO, '..', 'shared', name)
  if (existsSync(folder)) return folder
  if (process.env.CI === 'true')
    throw new Error(`${suite} needs ${folder}, which is absent (CI=true: not skipping)`)
  console.warn(`skipping ${suite}: ${folder} is absent`)
  return undefined
}
