import * as core from '@actions/core'
import { unexpectedFilesSection, type UnexpectedFiles } from '../render/comment.js'
import { renderRunMarkdownWithin } from '../render/run.js'
import type { RunReport } from '../report/types.js'

/** GitHub drops a step summary over 1 MiB. */
const SUMMARY_LIMIT_BYTES = 1024 * 1024

const utf8Bytes = (text: string) => Buffer.byteLength(text)

/** Writes the job summary within GitHub's limit; a failure is a warning, never a lost step. */
export async function writeSummary(report: RunReport, unexpected?: UnexpectedFiles): Promise<void> {
  try {
    const text = renderRunMarkdownWithin(
      report,
      SUMMARY_LIMIT_BYTES - 1024,
      'The full report is in the JSON report (`report-path` output).',
      unexpectedFilesSection(unexpected),
      utf8Bytes
    )
    await core.summary.addRaw(text).write()
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${error instanceof Error ? error.message : error}`
    )
  }
}
