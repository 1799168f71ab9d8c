import { projectAtCommit, projectOnDisk } from '../acquire/dependency-trees.js'
import { listProjectFiles, type IndexFile } from '../acquire/simple-index.js'
import type { ResolveEffects, ResolveOptions } from '../acquire/resolve.js'
import { loadConfig } from '../config/load-config.js'
import { normalizeName } from '../packaging/names.js'
import { decide, type Policy } from '../decide/decide.js'
import { staleAcceptances } from '../judge/acceptance.js'
import type { JudgeConfig } from '../judge/judge.js'
import { runFindings } from '../report/counts.js'
import { reviewDependencies } from './dependencies.js'
import { judgePublishedRelease } from './published-release.js'
import type { ReleaseRun } from './run-release.js'

/** A review of dependency changes as a shell asks for it. */
export interface DependencyReviewRequest {
  /** The project folder (`working-directory`). */
  workingDirectory: string
  /** The base side: a commit, branch or tag, read with git; the head side is the folder on disk. */
  baseRef: string
  globs?: string[]
  indexUrl: string
  config: { path: string; explicit: boolean }
  policy: Policy
  options: ResolveOptions
}

/** config → both sides' pins → each changed pin judged on the index → decide. */
export async function runDependencyReview(
  request: DependencyReviewRequest,
  effects: ResolveEffects & { log: (message: string) => void }
): Promise<ReleaseRun> {
  const judge = forDependencies(await loadConfig(request.config.path, request.config.explicit))
  const [base, head] = await Promise.all([
    projectAtCommit(request.workingDirectory, request.baseRef),
    projectOnDisk(request.workingDirectory)
  ])
  const listings = new Map<string, Promise<IndexFile[] | undefined>>()
  const report = await reviewDependencies(
    {
      base,
      head,
      ...(request.globs?.length && { globs: request.globs }),
      judge,
      concurrency: request.options.concurrency,
      indexUrl: request.indexUrl
    },
    {
      log: effects.log,
      listFiles: name => {
        const key = normalizeName(name)
        if (!listings.has(key))
          listings.set(
            key,
            listProjectFiles(request.indexUrl, name, request.options.retry, effects.fetch)
          )
        return listings.get(key) as Promise<IndexFile[] | undefined>
      },
      judgeRelease: async (name, previous, current, listed) =>
        (
          await judgePublishedRelease(
            {
              name,
              current,
              indexUrl: request.indexUrl,
              listed,
              ...(previous ? { previous } : { alone: true })
            },
            judge,
            request.options,
            effects
          )
        ).packages
    }
  )
  return {
    report,
    // Expected file-list changes are about the project's own release, not its dependencies'.
    decision: decide(report, {
      ...request.policy,
      expectedFileChanges: '',
      failOnUnexpectedFiles: false
    }),
    stale: staleAcceptances(runFindings(report), judge.accept ?? [])
  }
}

/**
 * A publishing rule has no meaning for someone else's release: a downgrade is the pull request's choice,
 * not a re-upload PyPI would refuse. A config that sets the rule keeps its say.
 */
function forDependencies(judge: JudgeConfig): JudgeConfig {
  return { ...judge, rules: { 'version-not-increased': 'off', ...judge.rules } }
}
