import { posix } from 'node:path'
import type { GitTree, TrackedFile } from '../acquire/git-source.js'
import { effectiveBackend } from '../packaging/pyproject.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import type { Archive } from '../read/types.js'

/** How an sdist's files compare with the commit it should come from. */
export interface SourceComparison {
  /** What was compared with: `HEAD (1a2b3c4)` or `tag v1.2.3 (1a2b3c4)`. */
  against: string
  /** The package's folder in the repository (`` for the root, else ending in `/`). */
  folder: string
  /** Files in the sdist that git does not track there and no build backend writes. */
  notInSource: string[]
  /** Tracked files under the package's import folders that the sdist leaves out. */
  missing: { path: string; shippedBefore: boolean }[]
  /** Tracked files whose bytes in the sdist differ from the commit, known backend rewrites excepted. */
  differs: string[]
}

const EGG_INFO = /^(?:[^/]+\/)?[^/]+\.egg-info\//
const BUILD_ROOTS = ['pyproject.toml', 'setup.py', 'setup.cfg']

/**
 * Compares an sdist read with `gitBlobIds` with a commit's tree. Files a build backend writes (PKG-INFO,
 * egg-info, the setup.cfg setuptools rewrites, poetry's generated setup.py, a VCS plugin's version
 * file) are never reported. Hand-written: no library relates sdist members to a repository's files.
 */
export function compareWithSource(
  sdist: Archive,
  metadata: PackageMetadata,
  tree: GitTree,
  previous?: Archive
): SourceComparison | undefined {
  const folder = packageFolder(sdist, tree)
  // Not one of its files is tracked there: this sdist does not come from this repository.
  if (folder === undefined) return undefined
  const generated = generatedBy(metadata)
  const notInSource: string[] = []
  const differs: string[] = []
  for (const entry of sdist.entries.values()) {
    if (entry.type === 'dir' || generated(entry.path)) continue
    const tracked = trackedAt(tree, folder + entry.path)
    if (!tracked) notInSource.push(entry.path)
    else if (entry.type === 'file' && tracked.kind === 'file' && entry.gitBlob !== tracked.blob)
      differs.push(entry.path)
  }
  return {
    against: `${tree.name === 'HEAD' ? 'HEAD' : `tag ${tree.name}`} (${tree.commit.slice(0, 7)})`,
    folder,
    notInSource: notInSource.sort(),
    missing: missingFromSdist(sdist, tree, folder, previous),
    differs: differs.sort()
  }
}

/**
 * The folder whose tracked files the sdist matches best, among those holding a pyproject.toml,
 * setup.py or setup.cfg (a monorepo has several); undefined when no folder holds any of its files
 * byte for byte.
 */
function packageFolder(sdist: Archive, tree: GitTree): string | undefined {
  const candidates = new Set([''])
  for (const path of tree.files.keys()) {
    if (BUILD_ROOTS.includes(posix.basename(path))) {
      const dir = posix.dirname(path)
      candidates.add(dir === '.' ? '' : `${dir}/`)
    }
  }
  let best = { folder: '', score: 0 }
  for (const folder of candidates) {
    let score = 0
    for (const entry of sdist.entries.values()) {
      const tracked = tree.files.get(folder + entry.path)
      if (tracked && entry.type !== 'dir') score += tracked.blob === entry.gitBlob ? 2 : 1
    }
    if (score > best.score) best = { folder, score }
  }
  // A match by path alone (a README.md both happen to have) does not make the sdist this folder's.
  const identical = [...sdist.entries.values()].some(
    entry =>
      entry.gitBlob !== undefined &&
      tree.files.get(best.folder + entry.path)?.blob === entry.gitBlob
  )
  return identical ? best.folder : undefined
}

function generatedBy(metadata: PackageMetadata): (path: string) => boolean {
  const backend = effectiveBackend(metadata.buildSystem)
  const written = new Set(['PKG-INFO', ...metadata.versionFiles])
  // pdm writes `write_to` relative to the package folder, which is often under src/.
  for (const file of metadata.versionFiles) written.add(`src/${file}`)
  if (backend.startsWith('setuptools')) written.add('setup.cfg')
  if (backend.startsWith('poetry')) written.add('setup.py')
  return path => written.has(path) || EGG_INFO.test(path)
}

/**
 * The tracked file at `path`, following committed symlinks to folders on the way (a backend that copies
 * `tests/certs/client/ca/x.pem` through the link `ca → ../../expired/ca/` ships what git holds at the
 * link's target).
 */
function trackedAt(tree: GitTree, path: string, depth = 0): TrackedFile | undefined {
  const direct = tree.files.get(path)
  if (direct || depth > 8) return direct
  // The deepest committed link the path passes through; each link is one prefix test, so the work stays
  // linear in the path's length (trying every prefix of a deep path would not).
  let deepest: { at: string; target: string } | undefined
  for (const [at, target] of folderLinks(tree))
    if (path.startsWith(`${at}/`) && at.length > (deepest?.at.length ?? -1))
      deepest = { at, target }
  if (!deepest) return undefined
  const through = posix.normalize(
    posix.join(posix.dirname(deepest.at), deepest.target, path.slice(deepest.at.length + 1))
  )
  return through.startsWith('../') ? undefined : trackedAt(tree, through, depth + 1)
}

const linksOf = new WeakMap<GitTree, [string, string][]>()

/** The tree's committed symlinks with their targets, listed once per tree. */
function folderLinks(tree: GitTree): [string, string][] {
  let links = linksOf.get(tree)
  if (!links) {
    links = [...tree.files]
      .filter(([, file]) => file.kind === 'symlink' && file.target !== undefined)
      .map(([at, file]) => [at, file.target ?? ''])
    linksOf.set(tree, links)
  }
  return links
}

/** Folders at the root or under src/ that hold an `__init__.py`: what `import name` loads. */
function importFolders(sdist: Archive): string[] {
  const folders: string[] = []
  for (const path of sdist.entries.keys()) {
    const match = /^((?:src\/)?[^/]+\/)__init__\.py$/.exec(path)
    if (match?.[1]) folders.push(match[1])
  }
  return folders
}

function missingFromSdist(
  sdist: Archive,
  tree: GitTree,
  folder: string,
  previous: Archive | undefined
): SourceComparison['missing'] {
  const missing: SourceComparison['missing'] = []
  for (const inner of importFolders(sdist)) {
    const prefix = folder + inner
    for (const [path, tracked] of tree.files) {
      if (tracked.kind === 'submodule' || !path.startsWith(prefix)) continue
      const relative = path.slice(folder.length)
      if (sdist.entries.has(relative)) continue
      missing.push({ path: relative, shippedBefore: previous?.entries.has(relative) ?? false })
    }
  }
  return missing.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
