import { loadConfig } from '../config/load-config.js'
import { decide, type Decision, type Policy } from '../decide/decide.js'
import { staleAcceptances, type Acceptance } from '../judge/acceptance.js'
import { packageFindings } from '../report/counts.js'
import type { RunReport } from '../report/types.js'
import type { ResolveEffects } from '../acquire/resolve.js'
import { DEFAULT_STAGE_OPTIONS, runPipeline, type Sources, type StageOptions } from './index.js'
import { resolveSourceCheck, type SourceCheckRequest } from './source-check.js'

/** One run as a shell asks for it: what to compare, the config file, the source check and the policy. */
export interface ReleaseRequest {
  sources: Sources
  config: { path: string; explicit: boolean }
  /** The release form's source check (ignored for a pair of files). */
  sourceCheck?: Omit<SourceCheckRequest, 'log'>
  policy: Policy
  options: Pick<StageOptions, 'readLimits' | 'retry'> & Partial<StageOptions>
}

export interface ReleaseEffects extends ResolveEffects {
  log: (message: string) => void
}

export interface ReleaseRun {
  report: RunReport
  decision: Decision
  /** Acceptances in the config that no finding matches: worth a warning. */
  stale: Acceptance[]
}

/** inputs → config → source check → pipeline → decide: what both the Action and the CLI run. */
export async function runRelease(
  request: ReleaseRequest,
  effects: ReleaseEffects
): Promise<ReleaseRun> {
  const judge = await loadConfig(request.config.path, request.config.explicit)
  const source =
    request.sources.kind === 'release' && request.sourceCheck
      ? await resolveSourceCheck({ ...request.sourceCheck, log: effects.notice ?? effects.log })
      : undefined
  const report = await runPipeline(
    request.sources,
    { ...DEFAULT_STAGE_OPTIONS, ...request.options, judge, ...(source && { source }) },
    effects
  )
  return {
    report,
    decision: decide(report, request.policy),
    stale: staleAcceptances(report.packages.flatMap(packageFindings), judge.accept ?? [])
  }
}
