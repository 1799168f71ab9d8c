import { posix } from 'node:path'
import type { Entry, Archive } from '../read/types.js'
import { groupBy } from '../util/group-by.js'
import { pairSimilarRenames } from './similar-renames.js'

export interface Rename {
  from: string
  to: string
  /** Percent of lines the two sides share, when the content changed too (a rename with small edits). */
  similarity?: number
}

/** The file-list delta; every list is sorted. Directories are not compared (see compareFiles). */
export interface FileChanges {
  added: string[]
  removed: string[]
  modified: string[]
  renamed: Rename[]
  modeChanged: string[]
  typeChanged: string[]
  unchanged: number
}

/**
 * Compares the two file lists by path relative to the root folder, so the versioned root name,
 * timestamps and owners never show as changes. Directory entries are skipped: build backends list them
 * inconsistently, and a file's path already implies its folders.
 */
export function compareFiles(previous: Archive, current: Archive): FileChanges {
  const before = nonDirectories(previous)
  const after = nonDirectories(current)
  const added: Entry[] = []
  const removed: Entry[] = []
  const modified: string[] = []
  const modeChanged: string[] = []
  const typeChanged: string[] = []
  let unchanged = 0
  for (const [path, old] of before) {
    const now = after.get(path)
    if (!now) {
      removed.push(old)
      continue
    }
    const typeDiffers = old.type !== now.type
    const contentDiffers = !typeDiffers && !sameContent(old, now)
    const modeDiffers = !typeDiffers && old.type === 'file' && old.mode !== now.mode
    if (typeDiffers) typeChanged.push(path)
    if (contentDiffers) modified.push(path)
    if (modeDiffers) modeChanged.push(path)
    if (!typeDiffers && !contentDiffers && !modeDiffers) unchanged++
  }
  for (const [path, now] of after) if (!before.has(path)) added.push(now)
  const exact = pairRenames(removed, added)
  const [exactFrom, exactTo] = [new Set(exact.map(r => r.from)), new Set(exact.map(r => r.to))]
  const similar = pairSimilarRenames(
    removed.filter(e => !exactFrom.has(e.path)),
    added.filter(e => !exactTo.has(e.path))
  )
  const paired = [...exact, ...similar]
  const renamed = [...paired, ...followFolderMoves(paired, removed, added)]
  const renamedFrom = new Set(renamed.map(r => r.from))
  const renamedTo = new Set(renamed.map(r => r.to))
  return {
    added: sorted(added.map(e => e.path).filter(p => !renamedTo.has(p))),
    removed: sorted(removed.map(e => e.path).filter(p => !renamedFrom.has(p))),
    modified: sorted(modified),
    renamed: renamed.sort((a, b) => compareStrings(a.from, b.from)),
    modeChanged: sorted(modeChanged),
    typeChanged: sorted(typeChanged),
    unchanged
  }
}

export function hasFileChanges(files: FileChanges): boolean {
  return (
    files.added.length +
      files.removed.length +
      files.modified.length +
      files.renamed.length +
      files.modeChanged.length +
      files.typeChanged.length >
    0
  )
}

/** The files, links and other entries of an sdist: everything but its folders. */
export function nonDirectories(sdist: Archive): Map<string, Entry> {
  return new Map([...sdist.entries].filter(([, entry]) => entry.type !== 'dir'))
}

function sameContent(a: Entry, b: Entry): boolean {
  return a.sha256 === b.sha256 && a.size === b.size && a.linkTarget === b.linkTarget
}

/** Pairs removed and added files with identical non-empty content, preferring the same base name. */
function pairRenames(removed: Entry[], added: Entry[]): Rename[] {
  const addedByHash = groupBy(
    added.filter(entry => entry.type === 'file' && entry.size > 0),
    entry => entry.sha256
  )
  const renames: Rename[] = []
  for (const old of [...removed].sort((a, b) => compareStrings(a.path, b.path))) {
    if (old.type !== 'file' || old.size === 0) continue
    const candidates = addedByHash.get(old.sha256)
    if (!candidates?.length) continue
    const sameBase = candidates.findIndex(c => posix.basename(c.path) === posix.basename(old.path))
    const [match] = candidates.splice(sameBase >= 0 ? sameBase : 0, 1)
    if (match) renames.push({ from: old.path, to: match.path })
  }
  return renames
}

/**
 * Files left unpaired (empty ones, which share one hash and so say nothing by content) that moved
 * with their folder: a removed `a/x` pairs with an added `b/x` of the same content when another file
 * of `a/` was renamed to the same name in `b/`. A folder moved whole is then one rename of each file.
 */
function followFolderMoves(renames: Rename[], removed: Entry[], added: Entry[]): Rename[] {
  const moves = new Map<string, Set<string>>()
  for (const { from, to } of renames) {
    if (posix.basename(from) !== posix.basename(to)) continue
    const [a, b] = [posix.dirname(from), posix.dirname(to)]
    if (a !== b) moves.set(a, (moves.get(a) ?? new Set()).add(b))
  }
  const pairedFrom = new Set(renames.map(r => r.from))
  const open = new Map(
    added.filter(e => !renames.some(r => r.to === e.path)).map(entry => [entry.path, entry])
  )
  const followed: Rename[] = []
  for (const old of [...removed].sort((x, y) => compareStrings(x.path, y.path))) {
    if (pairedFrom.has(old.path)) continue
    for (const target of movedTargets(old.path, moves)) {
      const now = open.get(target)
      if (!now || now.type !== old.type || !sameContent(old, now)) continue
      followed.push({ from: old.path, to: now.path })
      open.delete(now.path)
      break
    }
  }
  return followed
}

/** Where a path lands if its folder, or a folder above it, moved: the nearest folder first. */
function movedTargets(path: string, moves: Map<string, Set<string>>): string[] {
  const targets: string[] = []
  for (let folder = posix.dirname(path); folder !== '.'; folder = posix.dirname(folder))
    for (const to of moves.get(folder) ?? []) targets.push(to + path.slice(folder.length))
  return targets
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function sorted(paths: string[]): string[] {
  return paths.sort(compareStrings)
}
