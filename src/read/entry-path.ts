import { posix } from 'node:path'

export type PathVerdict =
  { kind: 'root' } | { kind: 'inside'; relative: string } | { kind: 'refused'; reason: string }

// Control characters (C0, DEL, C1) never belong in a file name and can forge terminal or Markdown output.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/

export function hasControlCharacters(path: string): boolean {
  return CONTROL_CHARACTERS.test(path)
}

/** The first segment of an archive path: the candidate root folder. */
export function firstSegment(archivePath: string): string {
  return archivePath.split('/').find(segment => segment !== '' && segment !== '.') ?? ''
}

/**
 * Places an archive path relative to the sdist root, refusing what a careless extractor would write
 * outside it: absolute paths, `..` segments and entries outside the root folder.
 */
export function placeInRoot(archivePath: string, root: string): PathVerdict {
  if (archivePath.startsWith('/') || /^[A-Za-z]:/.test(archivePath)) {
    return { kind: 'refused', reason: 'absolute path' }
  }
  const segments = archivePath.split('/').filter(segment => segment !== '' && segment !== '.')
  if (segments.includes('..')) return { kind: 'refused', reason: 'path with ".." segment' }
  if (segments.length === 0) return { kind: 'refused', reason: 'empty path' }
  if (segments[0] !== root) {
    return segments.length === 1
      ? { kind: 'refused', reason: `outside the root folder "${root}/"` }
      : { kind: 'refused', reason: `second root folder "${segments[0]}/" beside "${root}/"` }
  }
  if (segments.length === 1) return { kind: 'root' }
  return { kind: 'inside', relative: segments.slice(1).join('/') }
}

/** Where a symlink at `relative` points, relative to the root; undefined when it leaves the root. */
export function resolveSymlink(relative: string, target: string): string | undefined {
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target)) return undefined
  const resolved = posix.normalize(posix.join(posix.dirname(relative), target))
  if (resolved === '..' || resolved.startsWith('../')) return undefined
  return resolved
}
