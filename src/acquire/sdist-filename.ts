import { normalizeName } from '../packaging/names.js'
import { isValidVersion, normalizeVersion } from '../packaging/version.js'
import { tagsFromFilename } from '../packaging/wheel-tags.js'

/**
 * The version in an sdist file name, for both PEP 625 (`backend_ai_kernel_helper-24.3.0rc3.tar.gz`) and
 * legacy names whose project part holds dashes or dots (`backend.ai-kernel-helper-24.3.0rc3.tar.gz`).
 */
export function sdistVersion(filename: string, project: string): string | undefined {
  if (!filename.endsWith('.tar.gz')) return undefined
  const stem = filename.slice(0, -'.tar.gz'.length)
  const wanted = normalizeName(project)
  for (let dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
    const version = stem.slice(dash + 1)
    if (normalizeName(stem.slice(0, dash)) === wanted && isValidVersion(version)) return version
  }
  return undefined
}

/**
 * Name and version from a PEP 625 file name (`demo_pkg-1.2.tar.gz`: normalised name with underscores,
 * one dash, a normalised version); undefined for anything else, which must be read to be named.
 */
export function pep625Identity(file: string): { name: string; version: string } | undefined {
  const match = /^([a-z0-9]+(?:_[a-z0-9]+)*)-([^-/]+)\.tar\.gz$/.exec(file.split('/').pop() ?? '')
  if (!match?.[1] || !match[2] || !isValidVersion(match[2])) return undefined
  if (normalizeVersion(match[2]) !== match[2]) return undefined
  return { name: match[1], version: match[2] }
}

/** A wheel's file name (PEP 427): `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`. */
export interface WheelName {
  file: string
  name: string
  version: string
  /** The expanded tags, sorted: `py3-none-any`. */
  tags: string[]
}

export function isWheelFile(file: string): boolean {
  return file.endsWith('.whl')
}

export function wheelName(file: string): WheelName | undefined {
  const parts = (file.split('/').pop() ?? '').replace(/\.whl$/, '').split('-')
  if (parts.length !== 5 && parts.length !== 6) return undefined
  const [name = '', version = ''] = parts
  const tags = tagsFromFilename(file.split('/').pop() ?? '').sort()
  if (!isValidVersion(version) || !tags.length) return undefined
  return { file, name, version, tags }
}
