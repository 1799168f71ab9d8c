import { posix } from 'node:path'
import { entryText } from '../read/decode-text.js'
import type { Entry } from '../read/types.js'
import { groupBy } from '../util/group-by.js'
import type { Rename } from './file-changes.js'

/** git's default: a pair sharing at least half its lines is a rename with edits. */
const MIN_SIMILARITY = 50
/** Bounds the work: candidate pairs are scored at most this many times. */
const MAX_SCORED_PAIRS = 2000
/** Files larger than this are compared by hash only. */
const MAX_SCORED_BYTES = 1024 * 1024

/**
 * Pairs a removed text file with an added one of the same name (or, in the same folder, the same
 * extension or stem) whose lines mostly agree: a file moved and edited in one release reads as one rename with its
 * diff. Scored on line multisets, as git's rename detection scores chunks, so it stays linear in size.
 */
export function pairSimilarRenames(removed: Entry[], added: Entry[]): Rename[] {
  const candidates: { from: Entry; to: Entry; score: number }[] = []
  let budget = MAX_SCORED_PAIRS
  const lines = new Map<Entry, Map<string, number> | undefined>()
  const linesOf = (entry: Entry) => {
    if (!lines.has(entry)) lines.set(entry, lineCounts(entry))
    return lines.get(entry)
  }
  const scorableAdded = added.filter(scorable)
  const byName = groupBy(scorableAdded, entry => posix.basename(entry.path))
  const byFolder = groupBy(scorableAdded, entry => posix.dirname(entry.path))
  for (const from of removed.filter(scorable)) {
    const related = new Set([
      ...(byName.get(posix.basename(from.path)) ?? []),
      ...(byFolder.get(posix.dirname(from.path)) ?? []).filter(to => sameKind(from.path, to.path))
    ])
    for (const to of related) {
      if (budget-- <= 0) break
      const [a, b] = [linesOf(from), linesOf(to)]
      if (!a || !b) continue
      const score = similarity(a, b)
      if (score >= MIN_SIMILARITY) candidates.push({ from, to, score })
    }
  }
  const used = new Set<Entry>()
  const renames: Rename[] = []
  for (const { from, to, score } of candidates.sort((x, y) => y.score - x.score)) {
    if (used.has(from) || used.has(to)) continue
    used.add(from).add(to)
    renames.push({ from: from.path, to: to.path, similarity: Math.min(99, Math.floor(score)) })
  }
  return renames
}

function scorable(entry: Entry): boolean {
  return entry.type === 'file' && !entry.binary && entry.size > 0 && entry.size <= MAX_SCORED_BYTES
}

/**
 * In one folder: the same extension, the same stem (README.rst → README.md), or one name the other
 * with an extension added (class.html → class.html.jinja).
 */
function sameKind(a: string, b: string): boolean {
  const [extA, extB] = [posix.extname(a), posix.extname(b)]
  const [nameA, nameB] = [posix.basename(a), posix.basename(b)]
  return (
    extA === extB ||
    posix.basename(a, extA) === posix.basename(b, extB) ||
    nameB.startsWith(`${nameA}.`) ||
    nameA.startsWith(`${nameB}.`)
  )
}

function lineCounts(entry: Entry): Map<string, number> | undefined {
  const text = entryText(entry)
  if (text === undefined) return undefined
  const counts = new Map<string, number>()
  for (const line of text.split(/\r?\n/)) {
    const key = line.trim()
    if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** Percent of non-blank lines in common, counted with multiplicity. */
function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let common = 0
  let total = 0
  for (const count of a.values()) total += count
  for (const count of b.values()) total += count
  for (const [line, count] of a) common += Math.min(count, b.get(line) ?? 0)
  return total === 0 ? 0 : (200 * common) / total
}
