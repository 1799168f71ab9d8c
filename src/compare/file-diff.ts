import { entryText } from '../read/decode-text.js'
import { unifiedHunks } from './line-diff.js'
import type { Entry } from '../read/types.js'

export interface DiffLimits {
  /** Lines of a single file's patch kept in the report; the rest is cut with a note. */
  maxPatchLines: number
  /** Bound on the diff algorithm's work, so a pathological pair cannot stall the run. */
  maxEditLength: number
  /** Wall-time bound for one file's diff, in milliseconds. */
  timeoutMs: number
  contextLines: number
}

export const DEFAULT_DIFF_LIMITS: DiffLimits = {
  maxPatchLines: 400,
  maxEditLength: 20_000,
  timeoutMs: 1000,
  contextLines: 3
}

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
  oldSize: number
  newSize: number
  oldSha256: string
  newSha256: string
}

export function diffEntries(old: Entry, now: Entry, limits = DEFAULT_DIFF_LIMITS): FileDiff {
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
  if (before.replace(/\r\n?/g, '\n') === after.replace(/\r\n?/g, '\n')) {
    return { ...base, kind: 'text', note: 'line endings only (CRLF ↔ LF); the text is the same' }
  }
  const hunks = unifiedHunks(before, after, limits)
  if (hunks === undefined) {
    return {
      ...base,
      kind: 'text',
      note: `too many changed lines to diff (over ${limits.maxEditLength} edits or ${limits.timeoutMs} ms); compared by SHA-256`
    }
  }
  // Paths as text: a reviewer reads `café.py`, not git's octal escapes.
  const patch = `--- a/${oneLine(old.path)}\n+++ b/${oneLine(now.path)}\n${hunks}`
  return { ...base, kind: 'text', ...cutPatch(patch, limits.maxPatchLines) }
}

/** A path on one header line: line breaks and other control characters as visible escapes. */
function oneLine(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f]/g, c => `\\u{${c.charCodeAt(0).toString(16)}}`)
}

function cutPatch(patch: string, maxLines: number): { patch: string; note?: string } {
  const lines = patch.replace(/\n$/, '').split('\n')
  if (lines.length <= maxLines) return { patch: lines.join('\n') }
  return {
    patch: lines.slice(0, maxLines).join('\n'),
    note: `diff cut after ${maxLines} of ${lines.length} lines`
  }
}
