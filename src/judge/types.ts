import type { DependencyChange } from '../compare/dependencies.js'
import type { FileChanges } from '../compare/file-changes.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import type { Sdist } from '../read/types.js'
import type { Severity } from '../report/severity.js'

export interface Finding {
  rule: string
  severity: Severity
  message: string
  path?: string
}

/** What a rule reports; the judge adds the rule id and the configured severity. */
export interface RuleHit {
  message: string
  path?: string
  /** A rule may lower or raise its own default for one hit (e.g. a licence that only moved). */
  severity?: Severity
}

/** Everything the compare stage produced, which the rules read and never change. */
export interface RuleContext {
  previous: Sdist
  current: Sdist
  files: FileChanges
  metadata: { previous: PackageMetadata; current: PackageMetadata }
  dependencies: DependencyChange[]
}

export interface Rule {
  id: string
  defaultSeverity: Severity
  /** One line for the rule reference. */
  description: string
  check(context: RuleContext): RuleHit[]
}
