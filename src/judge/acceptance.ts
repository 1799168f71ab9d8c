import picomatch from 'picomatch'
import type { Finding } from './finding.js'

/** A change the maintainers intend: findings of `rule` (whose message contains or path matches `match`). */
export interface Acceptance {
  rule: string
  /** A substring of the message, or a glob of the path; absent: every finding of the rule. */
  match?: string
  reason: string
}

export function accepts(acceptance: Acceptance, finding: Finding): boolean {
  if (acceptance.rule !== finding.rule) return false
  const { match } = acceptance
  if (match === undefined) return true
  return (
    finding.message.includes(match) ||
    (finding.path !== undefined && picomatch.isMatch(finding.path, match, { dot: true }))
  )
}

/** The findings with `accepted` set to the reason of the first acceptance that covers them. */
export function markAccepted(findings: Finding[], acceptances: Acceptance[]): Finding[] {
  if (!acceptances.length) return findings
  return findings.map(finding => {
    const acceptance = acceptances.find(a => accepts(a, finding))
    return acceptance ? { ...finding, accepted: acceptance.reason } : finding
  })
}

/** Acceptances that cover no finding of the run: stale, and worth a warning. */
export function staleAcceptances(
  findings: readonly Finding[],
  acceptances: Acceptance[]
): Acceptance[] {
  return acceptances.filter(a => !findings.some(f => accepts(a, f)))
}

export function describeAcceptance(acceptance: Acceptance): string {
  return `${acceptance.rule}${acceptance.match !== undefined ? ` matching "${acceptance.match}"` : ''}`
}
