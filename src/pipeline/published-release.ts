import { fetchPublishedRelease, type PublishedRequest } from '../acquire/published.js'
import type { ResolveEffects, ResolveOptions } from '../acquire/resolve.js'
import type { JudgeConfig } from '../judge/judge.js'
import type { RunReport } from '../report/types.js'
import { makeTempFolder, removeTempFolder } from '../util/temp-folders.js'
import { DEFAULT_STAGE_OPTIONS, runPipeline } from './index.js'

/**
 * A published release judged as the release form judges it: its files downloaded from the index, then
 * compared with the earlier release there (or judged alone, as a first release, with `alone`).
 */
export async function judgePublishedRelease(
  request: PublishedRequest,
  judge: JudgeConfig,
  options: ResolveOptions,
  effects: ResolveEffects
): Promise<RunReport> {
  const folder = await makeTempFolder('sdist-diff-published-')
  try {
    const release = await fetchPublishedRelease(request, options, effects, folder)
    return await runPipeline(
      {
        kind: 'release',
        current: release.current.files,
        ...(release.previous !== undefined && { previous: release.previous }),
        indexUrl: request.indexUrl,
        provenance: { current: release.current.provenance },
        ...(request.alone && {
          firstRelease: 'a new dependency: judged alone, as a first release'
        })
      },
      { ...DEFAULT_STAGE_OPTIONS, ...options, judge },
      effects
    )
  } finally {
    await removeTempFolder(folder)
  }
}
