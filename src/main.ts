import * as core from '@actions/core'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execRunner } from './action/exec-runner.js'
import { readInputs } from './action/inputs.js'
import { toolCacheForSdists } from './action/sdist-cache.js'
import { loadConfig } from './config.js'
import { checkRelease, type RunReport } from './release.js'
import { renderRun } from './render/run.js'
import { DEFAULT_REPORT_OPTIONS } from './report.js'
import { reachesThreshold } from './severity.js'
import { writeFileAtomic } from './write-file-atomic.js'

/** The Action: inputs → acquire and compare every package → outputs, summary and exit code. */
export async function run(): Promise<void> {
  let report: RunReport | undefined
  let wantSummary = true
  try {
    const inputs = readInputs()
    wantSummary = inputs.summary
    const workingDirectory = resolve(inputs.workingDirectory)
    const judge = await loadConfig(resolve(inputs.config), inputs.configExplicit)
    report = await checkRelease({
      current: inputs.current,
      ...(inputs.previous !== undefined && { previous: inputs.previous }),
      ...(inputs.indexUrl !== undefined && { indexUrl: inputs.indexUrl }),
      ...(inputs.buildCommand !== undefined && { buildCommand: inputs.buildCommand }),
      workingDirectory,
      report: { ...DEFAULT_REPORT_OPTIONS, judge },
      run: execRunner,
      ...withCache(),
      log: message => core.info(message)
    })
    const reportPath = await writeReport(report)
    const findings = report.packages.reduce((sum, p) => sum + p.findings.length, 0)
    core.setOutput('risk', report.risk)
    core.setOutput('findings-count', String(findings))
    core.setOutput('report-path', reportPath)
    core.info(
      `sdist-diff: risk ${report.risk}; ${findings} findings in ${report.packages.length} package(s); report at ${reportPath}`
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

function withCache() {
  const cache = toolCacheForSdists()
  return cache ? { cache } : {}
}

async function writeReport(report: RunReport): Promise<string> {
  const folder = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'sdist-diff-'))
  const path = join(folder, 'sdist-diff-report.json')
  await writeFileAtomic(path, renderRun(report, 'json'))
  return path
}

async function writeSummary(report: RunReport): Promise<void> {
  try {
    await core.summary.addRaw(renderRun(report, 'markdown')).write()
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${error instanceof Error ? error.message : error}`
    )
  }
}
