import type { Comparison } from '../compare/comparison.js'
import type { ChangedSpans } from '../compare/file-diff.js'
import type { TextSpan } from '../compare/line-diff.js'
import { scanText } from '../read/decode-text.js'
import type { Archive } from '../read/types.js'
import { findSecrets, type SecretHit, type TextFile } from './secrets.js'

/** The secrets of the changed files: `now` on the current side, `before` on the previous one. */
export interface ChangedSecrets {
  now: SecretHit[]
  before: SecretHit[]
}

/** Multi-line secrets (key blocks) span changed and unchanged lines: such files are scanned whole. */
const MULTI_LINE = 'PRIVATE KEY'

/**
 * The secret scan of the files a release adds or changes, in proportion to what changed. A secret is
 * reported when the current file has it and the previous one did not; the rules match within a line,
 * so a secret on an unchanged line was found before and is never reported. A modified text file is
 * therefore first scanned only in the lines its diff adds; only when they hold a secret are both of its
 * sides scanned whole, as every other file is, so what is reported is what a whole scan reports. Of its
 * previous side, the lines its patch shows (removed and context) are scanned, so that the redaction
 * hides every secret the report shows; the lines no patch shows are in no report.
 */
export async function changedSecrets(
  comparison: Comparison,
  changed: string[]
): Promise<ChangedSecrets> {
  const { pair } = comparison
  const current = comparison.current.archive
  const spans = pair ? spannedFiles(comparison, pair.previous, current) : new Map()
  const addedLines = await findSecrets(
    changed.flatMap(path => {
      const changes = spans.get(path)
      return changes ? pieces(path, scanText(current.entries.get(path)), changes.added) : []
    })
  )
  const withSecrets = new Set(addedLines.map(hit => hit.path))
  const whole = (path: string) => !spans.has(path) || withSecrets.has(path)
  const now = await findSecrets(textFiles(current, changed.filter(whole)))
  if (!pair) return { now, before: [] }
  const before = await findSecrets(
    pair.files.modified.flatMap(path => {
      const changes = spans.get(path)
      if (whole(path) || !changes) return textFiles(pair.previous, [path])
      return [{ path, text: changes.shownBefore }]
    })
  )
  return { now, before }
}

/** The modified files whose text diff says where they changed, and whose secrets are all within a line. */
function spannedFiles(
  comparison: Comparison,
  previous: Archive,
  current: Archive
): Map<string, ChangedSpans> {
  const out = new Map<string, ChangedSpans>()
  for (const [path, changes] of comparison.changedSpans ?? []) {
    const texts = [scanText(previous.entries.get(path)), scanText(current.entries.get(path))]
    if (texts.some(text => text === undefined || text.includes(MULTI_LINE))) continue
    out.set(path, changes)
  }
  return out
}

function pieces(path: string, text: string | undefined, spans: TextSpan[]): TextFile[] {
  if (text === undefined) return []
  return spans.map(({ line, from, to }) => ({ path, text: text.slice(from, to), firstLine: line }))
}

function textFiles(archive: Archive, paths: string[]): TextFile[] {
  return paths.flatMap(path => {
    const text = scanText(archive.entries.get(path))
    return text === undefined ? [] : [{ path, text }]
  })
}
