import picomatch from 'picomatch'
import { PYLOCK_NAME } from './pylock.js'

/**
 * Folders whose files are not the project's own dependency files: version control, installed
 * environments (virtualenvs, tox and nox environments, PEP 582 `__pypackages__`, site-packages) and
 * vendored trees (`vendor`, `_vendor`, `vendored`, `third_party`), and node_modules.
 */
export const EXCLUDED_FOLDERS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '__pypackages__',
  'site-packages',
  'vendor',
  '_vendor',
  'vendored',
  'third_party'
])

const LOCK_NAMES = new Set(['uv.lock', 'poetry.lock', 'Pipfile.lock', 'pdm.lock'])

/** What isDependencyFile takes, as a message names it. */
export const DETECTED_NAMES =
  'requirements*.txt, constraints*.txt, requirements/*.txt, uv.lock, poetry.lock, pylock.toml, pylock.*.toml, Pipfile.lock or pdm.lock'

/** Whether a path's file name (and for `requirements/*.txt`, its folder) says it holds pins. */
export function isDependencyFile(path: string): boolean {
  const parts = path.split('/')
  const name = parts.at(-1) ?? ''
  if (LOCK_NAMES.has(name) || PYLOCK_NAME.test(name)) return true
  if (!name.endsWith('.txt')) return false
  return /^(?:requirements|constraints)/.test(name) || parts.at(-2) === 'requirements'
}

/**
 * The dependency files of a tree (paths relative to its root, `/`-separated), sorted: detected by
 * name outside EXCLUDED_FOLDERS, or, when `globs` holds any pattern, the paths they match (one
 * pattern a line; `!` excludes; blank lines and `#` comments are ignored; nothing is excluded
 * by folder then).
 */
export function dependencyFiles(paths: string[], globs?: string[]): string[] {
  const patterns = (globs ?? []).map(glob => glob.trim()).filter(g => g && !g.startsWith('#'))
  const wanted = patterns.length ? globMatcher(patterns) : detected
  const found = new Set(paths.map(path => path.replace(/^(?:\.\/)+/, '')).filter(wanted))
  return [...found].sort()
}

function detected(path: string): boolean {
  const folders = path.split('/').slice(0, -1)
  return !folders.some(folder => EXCLUDED_FOLDERS.has(folder)) && isDependencyFile(path)
}

function globMatcher(patterns: string[]): (path: string) => boolean {
  const negated = patterns.filter(p => p.startsWith('!')).map(p => p.slice(1))
  const positive = patterns.filter(p => !p.startsWith('!'))
  const includes = picomatch(positive.length ? positive : ['**'], { dot: true })
  const excludes = negated.length ? picomatch(negated, { dot: true }) : () => false
  return path => includes(path) && !excludes(path)
}
