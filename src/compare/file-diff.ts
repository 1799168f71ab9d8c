import { entryText } from '../read/decode-text.js'
import { DiffBudget, lineDiff, type TextSpan } from './line-diff.js'
import type { Entry } from '../read/types.js'

export interface DiffLimits {
  /** Lines of a single file's patch kept in the report; the rest is cut with a note. */
  maxPatchLines: number
  /** Edit distance up to which a file's minimal diff is sought; past it the diff is anchored. */
  maxEditLength: number
  /** Work units (lines interned, counted or compared) all the diffs of a run may spend. */
  runWork: number
  contextLines: number
}

export const DEFAULT_DIFF_LIMITS: DiffLimits = {
  maxPatchLines: 400,
  maxEditLength: 2500,
  runWork: 200_000_000,
  contextLines: 3
}

/**
 * The longest patch a report holds, in characters (the report schema's cap): 400 lines of a minified
 * asset can be megabytes, so a longer patch is cut, at a line break where there is one, with a note.
 */
export const MAX_PATCH_CHARS = 1_000_000

export type FileDiffKind = 'text' | 'binary' | 'link' | 'too-large'

export interface FileDiff {
  path: string
  /** The previous path, when the file was renamed with edits. */
  oldPath?: string
  kind: FileDiffKind
  /** Unified diff, present for text files. */
  patch?: string
  /** Says what was cut or why there is no patch. */
  note?: string
  /** Set when the run's diff budget was spent before this file: it is summarised, not diffed. */
  summarised?: true
  oldSize: number
  newSize: number
  oldSha256: string
  newSha256: string
}

/**
 * Where a text diff found a file changed, for the content checks that need only what changed: the runs
 * of lines it adds, and the previous file's lines its patch shows. Not part of the report.
 */
export interface ChangedSpans {
  added: TextSpan[]
  /** The removed and context lines of the patch as shown (cut), without their markers. */
  shownBefore: string
}

/** `spans`, when given, receives the file's ChangedSpans when a text diff was made. */
export function diffEntries(
  old: Entry,
  now: Entry,
  limits = DEFAULT_DIFF_LIMITS,
  budget = new DiffBudget(limits.runWork),
  spans?: Map<string, ChangedSpans>
): FileDiff {
  const base = {
    path: now.path,
    ...(old.path !== now.path && { oldPath: old.path }),
    oldSize: old.size,
    newSize: now.size,
    oldSha256: old.sha256,
    newSha256: now.sha256
  }
  if (old.linkTarget !== undefined || now.linkTarget !== undefined) {
    return {
      ...base,
      kind: 'link',
      note: `link target ${old.linkTarget ?? '-'} → ${now.linkTarget ?? '-'}`
    }
  }
  if (old.binary || now.binary) return { ...base, kind: 'binary', note: 'binary content changed' }
  const before = entryText(old)
  const after = entryText(now)
  if (before === undefined || after === undefined) {
    return { ...base, kind: 'too-large', note: 'too large to diff; compared by size and SHA-256' }
  }
  if (sameButLineEndings(before, after)) {
    return { ...base, kind: 'text', note: 'line endings only (CRLF ↔ LF); the text is the same' }
  }
  const diff = lineDiff(
    before,
    after,
    {
      contextLines: limits.contextLines,
      maxEditLength: limits.maxEditLength,
      maxLines: limits.maxPatchLines - 2
    },
    budget
  )
  if (diff === undefined) {
    return {
      ...base,
      kind: 'text',
      summarised: true,
      note: `not diffed: the run's diff budget (${limits.runWork.toLocaleString('en')} work units) was spent on earlier files; ${lineCount(before)} → ${lineCount(after)} lines, compared by SHA-256`
    }
  }
  // Paths as text: a reviewer reads `café.py`, not git's octal escapes.
  const header = [`--- a/${oneLine(old.path)}`, `+++ b/${oneLine(now.path)}`]
  const full = [...header, ...(diff.hunks ? [diff.hunks] : [])].join('\n')
  const patch = cutPatch(full)
  spans?.set(now.path, { added: diff.addedSpans, shownBefore: shownBefore(patch) })
  const total = header.length + diff.lines
  const notes = [
    ...(diff.anchored
      ? [
          `changed in many places (+${diff.added} −${diff.removed} lines): aligned on the lines found once in both files, not a minimal diff`
        ]
      : []),
    ...(total > limits.maxPatchLines
      ? [`diff cut after ${limits.maxPatchLines} of ${total} lines`]
      : []),
    ...(patch.length < full.length
      ? [
          `diff cut after ${patch.length.toLocaleString('en')} of ${full.length.toLocaleString('en')} characters`
        ]
      : [])
  ]
  return { ...base, kind: 'text', patch, ...(notes.length && { note: notes.join('; ') }) }
}

function shownBefore(patch: string): string {
  return patch
    .split('\n')
    .slice(2)
    .filter(line => line.startsWith(' ') || line.startsWith('-'))
    .map(line => line.slice(1))
    .join('\n')
}

function cutPatch(patch: string): string {
  if (patch.length <= MAX_PATCH_CHARS) return patch
  const lastBreak = patch.lastIndexOf('\n', MAX_PATCH_CHARS)
  // A surrogate pair is never split, so the cut text is still valid UTF-16.
  const end = lastBreak > MAX_PATCH_CHARS / 2 ? lastBreak : MAX_PATCH_CHARS
  const high = patch.charCodeAt(end - 1)
  return patch.slice(0, high >= 0xd800 && high <= 0xdbff ? end - 1 : end)
}

const [CR, LF] = [13, 10]

/**
 * Whether the texts differ only in CRLF ↔ LF (a lone CR counting as a line break too): one walk that
 * stops at the first difference, so a changed file is not searched whole for a CR first.
 */
export function sameButLineEndings(before: string, after: string): boolean {
  let [i, j] = [0, 0]
  while (i < before.length && j < after.length) {
    let [x, y] = [before.charCodeAt(i), after.charCodeAt(j)]
    if (x === CR) [x, i] = [LF, before.charCodeAt(i + 1) === LF ? i + 1 : i]
    if (y === CR) [y, j] = [LF, after.charCodeAt(j + 1) === LF ? j + 1 : j]
    if (x !== y) return false
    ;[i, j] = [i + 1, j + 1]
  }
  return i === before.length && j === after.length
}

function lineCount(text: string): number {
  let count = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++
  return count + (text.length > 0 && !text.endsWith('\n') ? 1 : 0)
}

/** A path on one header line: line breaks and other control characters as visible escapes. */
function oneLine(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f]/g, c => `\\u{${c.charCodeAt(0).toString(16)}}`)
}
