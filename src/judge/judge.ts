import picomatch from 'picomatch'
import type { Analysis } from '../analysis/index.js'
import type { Comparison } from '../compare/comparison.js'
import { riskRank, type Severity } from './severity.js'
import type { Finding } from './finding.js'
import { markAccepted, type Acceptance } from './acceptance.js'
import { foldFileFindings } from './fold-folders.js'
import { RULES } from './registry.js'
import type { Rule, RuleHit } from './types.js'

export interface JudgeConfig {
  /** Per-rule severity, or `off` to disable the rule. */
  rules: Record<string, Severity | 'off'>
  /** Globs of paths whose findings are dropped. */
  ignorePaths: string[]
  /** Intended changes: their findings stay in the report, marked, and do not count toward the risk. */
  accept?: Acceptance[]
}

export const DEFAULT_JUDGE_CONFIG: JudgeConfig = { rules: {}, ignorePaths: [] }

export interface JudgeOptions {
  /** Findings another report already makes (a wheel's that its sdist's report makes): dropped. */
  reportedElsewhere?: (finding: Finding) => boolean
  rules?: readonly Rule[]
}

/**
 * Runs every enabled rule: single-archive rules on the current sdist, pair rules when there is a previous
 * release. Findings come back highest severity first, in rule order within one.
 */
export function judge(
  comparison: Comparison,
  analysis: Analysis,
  config: JudgeConfig = DEFAULT_JUDGE_CONFIG,
  { reportedElsewhere = () => false, rules = RULES }: JudgeOptions = {}
): Finding[] {
  const ignored = config.ignorePaths.length
    ? picomatch(config.ignorePaths, { dot: true })
    : () => false
  const found: { finding: Finding; subject?: string }[] = []
  const covered = new Set<string>()
  for (const rule of rules) {
    const configured = config.rules[rule.id]
    if (configured === 'off') continue
    for (const hit of hitsOf(rule, comparison, analysis)) {
      if (hit.path !== undefined && ignored(hit.path)) continue
      for (const subject of hit.covers ?? []) covered.add(subject)
      const finding: Finding = {
        rule: rule.id,
        severity: configured ?? hit.severity ?? rule.defaultSeverity,
        message: hit.message,
        ...(hit.path !== undefined && { path: hit.path })
      }
      found.push({ finding, subject: hit.subject ?? hit.path })
    }
  }
  const uncovered = found
    .filter(({ finding, subject }) => !(COVERABLE.has(finding.rule) && covered.has(subject ?? '')))
    .map(({ finding }) => finding)
    .filter(finding => !reportedElsewhere(finding))
  const folded = foldFileFindings(uncovered, comparison.pair)
  return markAccepted(ordered(folded, rules), config.accept ?? [])
}

/** Rules with one finding per path or value, which a broader finding can speak for. */
const COVERABLE = new Set([
  'file-added',
  'file-removed',
  'file-renamed',
  'classifier-removed',
  'file-not-in-source'
])

/** Highest severity first, in rule order within one, in the order found within a rule. */
function ordered(findings: Finding[], rules: readonly Rule[]): Finding[] {
  const order = new Map(rules.map((rule, index) => [rule.id, index]))
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        riskRank(b.finding.severity) - riskRank(a.finding.severity) ||
        (order.get(a.finding.rule) ?? 0) - (order.get(b.finding.rule) ?? 0) ||
        a.index - b.index
    )
    .map(({ finding }) => finding)
}

function hitsOf(rule: Rule, comparison: Comparison, analysis: Analysis): RuleHit[] {
  if (rule.scope === 'current') return rule.check({ ...comparison.current, ...analysis })
  return comparison.pair ? rule.check(comparison.pair) : []
}
