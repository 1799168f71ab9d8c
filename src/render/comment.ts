import { createHash } from 'node:crypto'
import type { FileListChange } from '../decide/expected-files.js'
import type { RunReport } from '../report/types.js'
import { normalizeName } from '../packaging/names.js'
import { codeSpan } from './escape.js'
import { renderRunMarkdownWithin } from './run.js'

/** GitHub rejects comment bodies longer than this. */
export const COMMENT_LIMIT = 65_536

/** Keys longer than this are shortened to their start and a hash of the whole. */
const MAX_KEY_LENGTH = 200

/**
 * The hidden marker that finds this run's sticky comment again; the key cannot end the HTML comment,
 * and a long one (many packages' names) is bounded, so the marker never crowds out the comment.
 */
export function commentMarker(key: string): string {
  const safe = key.replace(/[^\w.,:@/+-]/g, '_')
  const bounded =
    safe.length > MAX_KEY_LENGTH
      ? `${safe.slice(0, 80)}~sha256:${createHash('sha256').update(safe).digest('hex')}`
      : safe
  return `<!-- sdist-diff:comment key=${bounded} -->`
}

/**
 * Derives the default key from the package names, so each set of packages keeps its own comment; a
 * review of dependency changes has one comment, `dependencies`.
 */
export function defaultCommentKey(run: RunReport): string {
  if (run.dependencies) return 'dependencies'
  return [...new Set(run.packages.map(p => normalizeName(p.current.name)))].sort().join(',')
}

/** File-list changes no expected-file-changes glob covers, and whether they fail the build. */
export interface UnexpectedFiles {
  changes: FileListChange[]
  failing: boolean
}

export function unexpectedFilesSection(unexpected: UnexpectedFiles | undefined): string {
  if (!unexpected?.changes.length) return ''
  const { changes, failing } = unexpected
  const head = failing
    ? `#### ❌ ${changes.length} unexpected file-list change${changes.length === 1 ? '' : 's'}`
    : `#### ⚠️ ${changes.length} file-list change${changes.length === 1 ? '' : 's'} not declared in expected-file-changes`
  const rows = changes
    .slice(0, 200)
    .map(c => `| ${codeSpan(c.package)} | ${c.change} | ${codeSpan(c.path)} |`)
  const more = changes.length > rows.length ? `\n\n_and ${changes.length - rows.length} more_` : ''
  return `${head}\n\n| Package | Change | Path |\n|---|---|---|\n${rows.join('\n')}${more}\n\nDeclare expected ones in the \`expected-file-changes\` input (\`+glob\` additions, \`-glob\` removals).\n\n`
}

export function renderComment(
  run: RunReport,
  options: { key: string; unexpected?: UnexpectedFiles; fullReportHint: string; limit?: number }
): string {
  const prefix = `${commentMarker(options.key)}\n${unexpectedFilesSection(options.unexpected)}`
  return renderRunMarkdownWithin(
    run,
    options.limit ?? COMMENT_LIMIT,
    options.fullReportHint,
    prefix
  )
}
