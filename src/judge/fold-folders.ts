import { posix } from 'node:path'
import type { ArchivePair } from '../compare/comparison.js'
import { nonDirectories, type Rename } from '../compare/file-changes.js'
import { riskRank } from './severity.js'
import type { Finding } from './finding.js'
import { plural } from '../util/words.js'
import { groupBy } from '../util/group-by.js'
import { octal } from './file-mode-changed.js'
import { GoneFolders } from './gone-folders.js'

/** More than this many files under one folder read as one change to the folder. */
export const FOLD_AFTER = 5
/** Names listed in a folded finding before "…". */
const NAMES_SHOWN = 4

const VERB: Record<string, string> = {
  'file-added': 'added',
  'file-removed': 'removed',
  'file-not-in-source': 'not in git',
  'source-file-missing': 'left out of the sdist',
  'file-differs-from-source': 'differing from git'
}

/**
 * One finding per folder for files added or removed past FOLD_AFTER under it, and one per folder
 * renamed as a whole (or past FOLD_AFTER files moved between two folders). The report's `files` lists
 * keep every path; only the findings fold.
 */
export function foldFileFindings(findings: Finding[], pair: ArchivePair | undefined): Finding[] {
  const folded = findings.filter(
    f => !(f.path !== undefined && (f.rule in VERB || f.rule === 'file-mode-changed'))
  )
  const previousPaths = new Set(pair ? nonDirectories(pair.previous).keys() : [])
  for (const rule of Object.keys(VERB)) {
    const perFile = findings.filter(f => f.rule === rule && f.path !== undefined)
    const removed = new Set(perFile.map(f => f.path ?? ''))
    const gone =
      rule === 'file-removed' && pair && removed.size ? new GoneFolders(pair, removed) : undefined
    const byCount = foldByFolder(perFile, rule, gone)
    for (const finding of gone ? foldGoneFolders(byCount, gone) : byCount) folded.push(finding)
  }
  // Mode changes and renames come from pair rules: a first release has none.
  if (!pair) return folded
  for (const finding of foldModeChanges(findings, pair)) folded.push(finding)
  const renameFindings = folded.filter(f => f.rule === 'file-renamed')
  const rest = folded.filter(f => f.rule !== 'file-renamed')
  return [...rest, ...foldRenames(renameFindings, pair.files.renamed, previousPaths)]
}

/** Many files with the same permission change (a backend that stopped writing 0664) are one finding. */
function foldModeChanges(findings: Finding[], pair: ArchivePair): Finding[] {
  const modeFindings = findings.filter(f => f.rule === 'file-mode-changed' && f.path !== undefined)
  const byChange = groupBy(modeFindings, finding => {
    const [before, after] = [pair.previous, pair.current].map(s =>
      s.entries.get(finding.path ?? '')
    )
    // A change of type (file ↔ link) is never folded.
    return before?.type === after?.type ? `${octal(before?.mode)} to ${octal(after?.mode)}` : ''
  })
  return [...byChange].flatMap(([change, members]) => {
    if (change === '' || members.length <= FOLD_AFTER) return members
    const paths = members.map(m => m.path ?? '')
    return [
      {
        ...strongest(members),
        path: `${commonFolder(paths) || '.'}/`,
        message: `${plural(members.length, 'file')} changed mode from ${change}: ${listed(paths)}`
      }
    ]
  })
}

function foldByFolder(perFile: Finding[], rule: string, gone?: GoneFolders): Finding[] {
  const tree = new FolderTree()
  for (const { path = '' } of perFile) tree.count(path)
  // Each file folds into its shallowest folder holding more than FOLD_AFTER of them (none: no fold).
  const groups = groupBy(perFile, finding => tree.foldInto(finding.path ?? ''))
  const single = groups.get(undefined) ?? []
  groups.delete(undefined)
  const merged = [...groups.values()].map(members => {
    const paths = members.map(m => m.path ?? '')
    const folder = commonFolder(paths)
    const names = paths.map(p => p.slice(folder.length + 1))
    const count = plural(members.length, 'file')
    return {
      ...strongest(members),
      rule,
      path: `${folder}/`,
      message: gone?.isGone(folder)
        ? `folder ${folder}/ was removed (${count}: ${collapsed(names, folder, gone)})`
        : `${count} ${VERB[rule]} under ${folder}/: ${gone ? collapsed(names, folder, gone) : listed(names)}`
    }
  })
  return [...single, ...merged]
}

/**
 * Files removed one by one (too few to fold by count) that were all a folder held: one finding for the
 * folder, under the shallowest folder gone whole (coverage 7.11.0 dropped a four-file test fixture).
 */
function foldGoneFolders(findings: Finding[], gone: GoneFolders): Finding[] {
  // A finding in no folder gone whole keeps a key of its own, and with it its place.
  const groups = groupBy(findings, finding => {
    const path = finding.path ?? ''
    return (!path.endsWith('/') && gone.shallowestGone(path)) || finding
  })
  return [...groups].flatMap(([folder, members]) => {
    if (typeof folder !== 'string' || members.length < 2) return members
    const names = members.map(m => (m.path ?? '').slice(folder.length + 1))
    return [
      {
        ...strongest(members),
        path: `${folder}/`,
        message: `folder ${folder}/ was removed (${plural(members.length, 'file')}: ${listed(names)})`
      }
    ]
  })
}

/**
 * A folded finding's names, each subfolder gone whole as one name, listed before single files:
 * `vendored/ (18 files)` for wheel 0.46.0's vendored packaging. A subfolder with a file that is always
 * named (a wheel, a shared object) is not folded, and those files still come first.
 */
function collapsed(names: string[], folder: string, gone: GoneFolders): string {
  const under = (name: string) =>
    gone.shallowestGone(`${folder}/${name}`, folder)?.slice(folder.length + 1)
  const groups = groupBy(names, under)
  groups.delete(undefined)
  const folded = [...groups].filter(
    ([, members]) => members.length > 1 && !members.some(n => ALWAYS_NAMED.test(n))
  )
  const foldedNames = new Set(folded.flatMap(([, members]) => members))
  const counts = new Map(
    folded.map(([sub, members]) => [`${sub}/ (${plural(members.length, 'file')})`, members.length])
  )
  return listed([...counts.keys(), ...names.filter(name => !foldedNames.has(name))], counts)
}

interface FolderNode {
  files: number
  children: Map<string, FolderNode>
}

/**
 * How many of the files lie under each folder, as a tree of path segments: a path is walked once, so
 * the work is linear in its length (listing every prefix as a string would be quadratic in its depth).
 */
class FolderTree {
  private readonly root: FolderNode = { files: 0, children: new Map() }

  count(path: string): void {
    let node = this.root
    for (const segment of folderSegments(path)) {
      let child = node.children.get(segment)
      if (!child) node.children.set(segment, (child = { files: 0, children: new Map() }))
      child.files++
      node = child
    }
  }

  /** The shallowest folder above `path` holding more than FOLD_AFTER files; undefined when none does. */
  foldInto(path: string): FolderNode | undefined {
    let node = this.root
    for (const segment of folderSegments(path)) {
      const child = node.children.get(segment)
      if (!child) return undefined
      if (child.files > FOLD_AFTER) return child
      node = child
    }
    return undefined
  }
}

/** The folders of a path, shallowest first; the root is never one. */
function folderSegments(path: string): string[] {
  return path.split('/').slice(0, -1)
}

function foldRenames(
  findings: Finding[],
  renames: Rename[],
  previousPaths: ReadonlySet<string>
): Finding[] {
  const byTarget = new Map(findings.map(f => [f.path, f]))
  const groups = new Map<string, { from: string; to: string; renames: Rename[] }>()
  for (const rename of renames) {
    if (!byTarget.has(rename.to)) continue
    const moved = movedFolder(rename)
    if (!moved) continue
    const key = `${moved.from}\0${moved.to}`
    const group = groups.get(key) ?? { ...moved, renames: [] }
    group.renames.push(rename)
    groups.set(key, group)
  }
  const absorbed = new Set<string>()
  const merged: Finding[] = []
  for (const group of groups.values()) {
    const whole = wholeFolder(group.from, group.renames, previousPaths)
    if (!(whole && group.renames.length > 1) && group.renames.length <= FOLD_AFTER) continue
    const members = group.renames.map(r => byTarget.get(r.to)).filter(f => f !== undefined)
    const edited = group.renames.filter(r => r.similarity !== undefined).length
    const note = edited ? `, ${edited} with edits` : ''
    merged.push({
      ...strongest(members),
      path: `${group.to}/`,
      message: whole
        ? `folder ${group.from}/ was renamed to ${group.to}/ (${plural(group.renames.length, 'file')}${note})`
        : `${plural(group.renames.length, 'file')} moved from ${group.from}/ to ${group.to}/${note ? ` (${note.slice(2)})` : ''}`
    })
    for (const r of group.renames) absorbed.add(r.to)
  }
  return [...findings.filter(f => !absorbed.has(f.path ?? '')), ...merged]
}

/** `a/x/y.py` → `b/x/y.py` moved folder `a` to `b`: the paths minus their longest common tail. */
function movedFolder({ from, to }: Rename): { from: string; to: string } | undefined {
  const [a, b] = [from.split('/'), to.split('/')]
  let tail = 0
  while (
    tail < Math.min(a.length, b.length) - 1 &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  if (tail === 0) return undefined
  const [fromDir, toDir] = [
    a.slice(0, a.length - tail).join('/'),
    b.slice(0, b.length - tail).join('/')
  ]
  return fromDir && toDir ? { from: fromDir, to: toDir } : undefined
}

/** Every file the previous release had under `folder` moved with it. */
function wholeFolder(
  folder: string,
  renames: Rename[],
  previousPaths: ReadonlySet<string>
): boolean {
  const moved = new Set(renames.map(r => r.from))
  for (const path of previousPaths)
    if (path.startsWith(`${folder}/`) && !moved.has(path)) return false
  return true
}

function commonFolder(paths: string[]): string {
  const [first = [], ...rest] = paths.map(p => posix.dirname(p).split('/'))
  let depth = first.length
  for (const parts of rest) {
    let same = 0
    while (same < Math.min(depth, parts.length) && parts[same] === first[same]) same++
    depth = same
  }
  return first.slice(0, depth).join('/')
}

function strongest(members: Finding[]): Finding {
  return members.reduce((a, b) => (riskRank(b.severity) > riskRank(a.severity) ? b : a))
}

/** Files a reviewer must see by name even in a long list: wheels, eggs, native code, .pth files. */
const ALWAYS_NAMED = /\.(?:whl|egg|so(?:\.\d+)*|pyd|dll|dylib|exe|pth)$/i
/** How many of those a folded finding names at most. */
const NAMED_AT_MOST = 20

function listed(names: string[], folded: ReadonlyMap<string, number> = new Map()): string {
  const notable = names.filter(name => ALWAYS_NAMED.test(name)).slice(0, NAMED_AT_MOST)
  const room = Math.max(0, NAMES_SHOWN - notable.length)
  // Subfolders gone whole come before single names in the room left.
  const rest = [...names.filter(n => folded.has(n)), ...names.filter(n => !folded.has(n))]
  const chosen = new Set([...notable, ...rest.filter(n => !notable.includes(n)).slice(0, room)])
  const shown = names.filter(name => chosen.has(name)).join(', ')
  const more = names
    .filter(name => !chosen.has(name))
    .reduce((n, name) => n + (folded.get(name) ?? 1), 0)
  return more > 0 ? `${shown}, … (${more} more)` : shown
}
