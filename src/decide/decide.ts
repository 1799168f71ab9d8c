import { reachesThreshold, type Risk } from '../judge/severity.js'
import type { Report, RunReport } from '../report/types.js'
import {
  parseExpectedChanges,
  unexpectedFileChanges,
  type FileListChange
} from './expected-files.js'

export const COMMENT_MODES = ['always', 'on-change', 'on-risk', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

/** What the maintainers asked for: when to fail, which file-list changes they expect, when to comment. */
export interface Policy {
  failOn: Risk
  /** `expected-file-changes`: `+glob`, `-glob` or `glob`, one a line. */
  expectedFileChanges: string
  failOnUnexpectedFiles: boolean
  comment: CommentMode
}

export const CLI_POLICY: Omit<Policy, 'failOn'> = {
  expectedFileChanges: '',
  failOnUnexpectedFiles: false,
  comment: 'never'
}

/**
 * What to do with a report. `write`: create or update the sticky comment; `refresh`: only update one that
 * already exists (the report has become quiet, and an old comment must not go stale); `skip`: nothing.
 */
export type CommentAction = 'write' | 'refresh' | 'skip'

export interface Decision {
  /** One line per reason the build fails; empty: it passes. */
  failures: string[]
  /** File-list changes no expected glob covers; empty unless the maintainers declared expectations. */
  unexpected: FileListChange[]
  /** The maintainers declared expectations, so unexpected changes are shown. */
  declared: boolean
  /** Unexpected changes fail the build. */
  unexpectedFails: boolean
  comment: CommentAction
}

/** The pure decision between the pipeline and the effects. */
export function decide(run: RunReport, policy: Policy): Decision {
  const declared = policy.failOnUnexpectedFiles || policy.expectedFileChanges.trim() !== ''
  const unexpected = declared
    ? unexpectedFileChanges(run, parseExpectedChanges(policy.expectedFileChanges))
    : []
  const unexpectedFails = policy.failOnUnexpectedFiles && unexpected.length > 0
  const failures: string[] = []
  if (reachesThreshold(run.risk, policy.failOn))
    failures.push(`risk ${run.risk} reaches fail-on ${policy.failOn}`)
  if (unexpectedFails)
    failures.push(`${unexpected.length} unexpected file-list change(s) (fail-on-unexpected-files)`)
  return {
    failures,
    unexpected,
    declared,
    unexpectedFails,
    comment: commentAction(policy.comment, run)
  }
}

function commentAction(mode: CommentMode, run: RunReport): CommentAction {
  if (mode === 'never') return 'skip'
  return wantsComment(mode, run) ? 'write' : 'refresh'
}

/** Whether the mode asks for a comment on this report when none exists yet. */
export function wantsComment(mode: CommentMode, run: RunReport): boolean {
  if (mode === 'always') return true
  if (mode === 'on-change')
    return run.dependencies
      ? run.dependencies.length > 0
      : run.packages.some(changedBeyondTheVersion)
  if (mode === 'on-risk') return run.risk !== 'none' && run.risk !== 'info'
  return false
}

/** Every release bumps the version and edits files; a change worth a comment is anything beyond that. */
function changedBeyondTheVersion(report: Report): boolean {
  const { files } = report
  const listChanged =
    files.added.length +
      files.removed.length +
      files.renamed.length +
      files.modeChanged.length +
      files.typeChanged.length >
    0
  return (
    listChanged ||
    report.findings.some(f => f.rule !== 'version-changed' && f.rule !== 'new-package')
  )
}
