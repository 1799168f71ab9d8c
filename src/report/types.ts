import type { FileChanges } from '../compare/file-changes.js'
import type { FileDiff } from '../compare/file-diff.js'
import type { Glance } from './glance.js'
import type { Finding } from '../judge/finding.js'
import type { Risk } from '../judge/severity.js'

export type { Finding }

export interface ArchiveSummary {
  name: string
  version: string
  filename: string
  sha256: string
}

/** One package's report; its JSON form is the CLI's `--format json` for two files. */
export interface Report {
  schemaVersion: 1
  /** null for a new package: nothing earlier to compare with. */
  previous: ArchiveSummary | null
  current: ArchiveSummary
  /** The highest severity among the findings not accepted. */
  risk: Risk
  findings: Finding[]
  /** The metadata at a glance, before and after (absent in reports written before it existed). */
  glance?: { previous: Glance | null; current: Glance }
  files: FileChanges
  diffs: FileDiff[]
  /**
   * The release's wheels of this package, each compared with the previous release's wheel and checked
   * against this sdist; the package's risk includes theirs.
   */
  wheels?: Report[]
}

/** The report of a whole release: one report per package, the highest risk on top. */
export interface RunReport {
  schemaVersion: 1
  risk: Risk
  packages: Report[]
  /** mode: report on a pull request: which pull request and commit the report is of. */
  pullRequest?: PullRequestRef
  /**
   * `compare: dependencies`: one entry per pinned dependency whose version changed; the release reports
   * of those judged are in `packages` (found by name and current version).
   */
  dependencies?: DependencyChange[]
}

/** A dependency's pin on one side: its version and the dependency files that pin it. */
export interface PinnedVersion {
  version: string
  files: string[]
}

export interface DependencyChange {
  /** As the head side's (or, for a removed one, the base side's) dependency file spells it. */
  name: string
  change: 'upgraded' | 'downgraded' | 'added' | 'removed'
  previous: PinnedVersion | null
  current: PinnedVersion | null
  /** The highest severity among the release report's findings and this entry's own. */
  risk: Risk
  /** What the lockfile itself says against the index (lock-hash-mismatch), or why it was not judged. */
  findings: Finding[]
}

export interface PullRequestRef {
  number: number
  headSha: string
}
