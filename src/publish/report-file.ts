import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderRun } from '../render/run.js'
import { fitToSchema } from '../report/fit.js'
import type { RunReport } from '../report/types.js'
import { writeFileAtomic } from './write-file-atomic.js'

/**
 * Writes the JSON report into a new folder under RUNNER_TEMP, cut to the report schema's caps so that
 * mode: publish can read it back; returns its path.
 */
export async function writeReportFile(report: RunReport): Promise<string> {
  const folder = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'sdist-diff-'))
  const path = join(folder, 'sdist-diff-report.json')
  await writeFileAtomic(path, renderRun(fitToSchema(report), 'json'))
  return path
}
