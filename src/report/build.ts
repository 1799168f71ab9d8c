import { basename } from 'node:path'
import type { Comparison } from '../compare/comparison.js'
import { NO_FILE_CHANGES } from '../compare/comparison.js'
import { readPackageIdentity } from '../read/identity.js'
import type { Archive } from '../read/types.js'
import { glanceAt } from './glance.js'
import { highestRisk } from '../judge/severity.js'
import type { Finding, Report, ArchiveSummary } from './types.js'

/**
 * The report of one package: what was compared, the findings, and the risk they add up to. Secrets are
 * still in it: the pipeline redacts the finished report (see redactReport), with its wheels' secrets too.
 */
export function buildReport(comparison: Comparison, findings: Finding[]): Report {
  const { pair } = comparison
  return {
    schemaVersion: 1,
    previous: pair ? summarize(pair.previous) : null,
    current: summarize(comparison.current.archive),
    risk: highestRisk(findings.filter(f => !f.accepted).map(f => f.severity)),
    findings,
    glance: {
      previous: pair
        ? glanceAt(pair.metadata.previous, pair.previous, comparison.current.provenance?.previous)
        : null,
      current: glanceAt(
        comparison.current.metadata,
        comparison.current.archive,
        comparison.current.provenance?.current
      )
    },
    files: pair ? pair.files : NO_FILE_CHANGES,
    diffs: comparison.diffs
  }
}

export function summarize(sdist: Archive): ArchiveSummary {
  return { ...readPackageIdentity(sdist), filename: basename(sdist.file), sha256: sdist.sha256 }
}
