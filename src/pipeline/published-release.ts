import type { PublishedRequest } from '../acquire/published.js'
import type { ResolveEffects, ResolveOptions } from '../acquire/resolve.js'
import type { JudgeConfig } from '../judge/judge.js'
import type { RunReport } from '../report/types.js'
import { DEFAULT_STAGE_OPTIONS, runPipeline } from './index.js'

/**
 * A published release judged as the release form judges it: `NAME==OLD NAME==NEW` (or NEW and the
 * release before it, or NEW `alone` as a first release), both sides' files from the index.
 */
export function judgePublishedRelease(
  request: PublishedRequest,
  judge: JudgeConfig,
  options: ResolveOptions,
  effects: ResolveEffects
): Promise<RunReport> {
  return runPipeline(
    { kind: 'published', ...request },
    { ...DEFAULT_STAGE_OPTIONS, ...options, judge },
    effects
  )
}
