import { normalizeName } from '../packaging/names.js'
import { isValidVersion } from '../packaging/version.js'

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
