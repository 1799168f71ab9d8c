import type { Analysis } from '../analysis/index.js'
import type { CurrentArchive, ArchivePair } from '../compare/comparison.js'
import type { Severity } from './severity.js'

export type { Finding } from './finding.js'

/** What a rule reports; the judge adds the rule id and the configured severity. */
export interface RuleHit {
  message: string
  path?: string
  /** A rule may lower or raise its own default for one hit (e.g. a licence that only moved). */
  severity?: Severity
  /** What the finding is about, when not a path: `classifier:…`. Another finding may cover it. */
  subject?: string
  /**
   * Paths and subjects this finding speaks for: the findings of the file-list and classifier rules about
   * them are dropped, so that one change is one finding.
   */
  covers?: string[]
}

/** Pair rules read two releases side by side. */
export type RuleContext = ArchivePair
/** Single-archive rules read the current sdist alone, so they also judge a first release. */
export type CurrentContext = CurrentArchive & Omit<Analysis, 'redact'>

interface RuleInfo {
  id: string
  defaultSeverity: Severity
  /** One line for the rule reference. */
  description: string
}

export interface PairRule extends RuleInfo {
  scope?: 'pair'
  check(context: RuleContext): RuleHit[]
}

export interface CurrentRule extends RuleInfo {
  scope: 'current'
  check(context: CurrentContext): RuleHit[]
}

export type Rule = PairRule | CurrentRule
