import type { Finding } from '../judge/finding.js'
import { SEVERITIES, type Severity } from '../judge/severity.js'
import type { Report, RunReport } from './types.js'

/** What every renderer and output says of a set of findings. */
export interface FindingCounts {
  /** Findings not accepted: those that count toward the risk. */
  open: number
  /** Findings the config accepts. */
  accepted: number
  /** Open findings by severity. */
  bySeverity: Record<Severity, number>
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const bySeverity = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<Severity, number>
  let accepted = 0
  for (const finding of findings) {
    if (finding.accepted) accepted++
    else bySeverity[finding.severity]++
  }
  return { open: findings.length - accepted, accepted, bySeverity }
}

/** A package's findings with its wheels', which its risk includes. */
export function packageFindings(report: Report): Finding[] {
  return [...report.findings, ...(report.wheels ?? []).flatMap(wheel => wheel.findings)]
}

/** Every finding of the run: each package's, with its wheels', and each dependency change's own. */
export function runFindings(run: RunReport): Finding[] {
  return [
    ...run.packages.flatMap(packageFindings),
    ...(run.dependencies ?? []).flatMap(change => change.findings)
  ]
}

export function countRun(run: RunReport): FindingCounts {
  return countFindings(runFindings(run))
}
