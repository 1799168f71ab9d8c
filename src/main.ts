import * as core from '@actions/core'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readInputs } from './inputs.js'
import { renderJson } from './render/json.js'
import { renderMarkdown } from './render/markdown.js'
import { DEFAULT_REPORT_OPTIONS, diffSdistFiles, type Report } from './report.js'
import { loadConfig } from './config.js'
import { reachesThreshold } from './severity.js'
import { writeFileAtomic } from './write-file-atomic.js'

/** The Action: inputs → pipeline → outputs, summary and exit code. */
export async function run(): Promise<void> {
  let report: Report | undefined
  let wantSummary = true
  try {
    const inputs = readInputs()
    wantSummary = inputs.summary
    const judge = await loadConfig(inputs.config, inputs.configExplicit)
    report = await diffSdistFiles(inputs.previous, inputs.current, {
      ...DEFAULT_REPORT_OPTIONS,
      judge
    })
    const reportPath = await writeReport(report)
    core.setOutput('risk', report.risk)
    core.setOutput('findings-count', String(report.findings.length))
    core.setOutput('report-path', reportPath)
    core.info(
      `sdist-diff: risk ${report.risk}; ${report.findings.length} findings; report at ${reportPath}`
    )
    if (reachesThreshold(report.risk, inputs.failOn)) {
      core.setFailed(`sdist-diff: risk ${report.risk} reaches fail-on ${inputs.failOn}`)
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    if (report && wantSummary) await writeSummary(report)
  }
}

async function writeReport(report: Report): Promise<string> {
  const folder = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'sdist-diff-'))
  const path = join(folder, 'sdist-diff-report.json')
  await writeFileAtomic(path, renderJson(report))
  return path
}

async function writeSummary(report: Report): Promise<void> {
  try {
    await core.summary.addRaw(renderMarkdown(report)).write()
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${error instanceof Error ? error.message : error}`
    )
  }
}
