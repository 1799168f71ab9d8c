import type { FileChanges } from '../compare/file-changes.js'
import { buildRuleContext } from '../judge/context.js'
import {
  DEFAULT_DIFF_LIMITS,
  diffEntries,
  type DiffLimits,
  type FileDiff
} from '../compare/file-diff.js'
import { judge, type JudgeConfig } from '../judge/judge.js'
import type { Finding } from '../judge/types.js'
import { readPackageIdentity } from '../read/identity.js'
import { DEFAULT_READ_LIMITS, readSdistPair, type ReadLimits } from '../read/read-archive.js'
import type { Sdist } from '../read/types.js'
import { highestRisk, type Risk } from './severity.js'
import { basename } from 'node:path'

export interface SdistSummary {
  name: string
  version: string
  filename: string
  sha256: string
}

/** Everything a renderer needs; the JSON form of this is the CLI's `--format json`. */
export interface Report {
  schemaVersion: 1
  /** null for a new package: nothing earlier to compare with. */
  previous: SdistSummary | null
  current: SdistSummary
  risk: Risk
  findings: Finding[]
  files: FileChanges
  diffs: FileDiff[]
}

export interface ReportOptions {
  readLimits: ReadLimits
  diffLimits: DiffLimits
  judge?: JudgeConfig
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = {
  readLimits: DEFAULT_READ_LIMITS,
  diffLimits: DEFAULT_DIFF_LIMITS
}

/** Reads both archives concurrently and compares them. */
export async function diffSdistFiles(
  previousFile: string,
  currentFile: string,
  options: ReportOptions = DEFAULT_REPORT_OPTIONS
): Promise<Report> {
  const [previous, current] = await readSdistPair(previousFile, currentFile, options.readLimits)
  return buildReport(previous, current, options)
}

export function buildReport(
  previous: Sdist,
  current: Sdist,
  options: ReportOptions = DEFAULT_REPORT_OPTIONS
): Report {
  const context = buildRuleContext(previous, current)
  const { files } = context
  const findings = judge(context, options.judge)
  return {
    schemaVersion: 1,
    previous: summarize(previous),
    current: summarize(current),
    risk: highestRisk(findings.map(f => f.severity)),
    findings,
    files,
    diffs: files.modified.map(path =>
      diffEntries(entry(previous, path), entry(current, path), options.diffLimits)
    )
  }
}

function entry(sdist: Sdist, path: string) {
  const found = sdist.entries.get(path)
  if (!found) throw new Error(`internal: ${path} missing from ${sdist.file}`)
  return found
}

/** The report of a package with no earlier release: one `new-package` finding, no file changes. */
export function buildNewPackageReport(current: Sdist, reason: string, judge?: JudgeConfig): Report {
  const configured = judge?.rules['new-package']
  const summary = summarize(current)
  const findings: Finding[] =
    configured === 'off'
      ? []
      : [
          {
            rule: 'new-package',
            severity: configured ?? 'info',
            message: `${summary.name} ${summary.version}: ${reason}`
          }
        ]
  return {
    schemaVersion: 1,
    previous: null,
    current: summary,
    risk: highestRisk(findings.map(f => f.severity)),
    findings,
    files: {
      added: [],
      removed: [],
      modified: [],
      renamed: [],
      modeChanged: [],
      typeChanged: [],
      unchanged: 0
    },
    diffs: []
  }
}

export function summarize(sdist: Sdist): SdistSummary {
  return { ...readPackageIdentity(sdist), filename: basename(sdist.file), sha256: sdist.sha256 }
}
