import { compareDependencies } from '../compare/dependencies.js'
import { compareFiles } from '../compare/file-changes.js'
import { readPackageMetadata } from '../read/package-metadata.js'
import type { Sdist } from '../read/types.js'
import type { RuleContext } from './types.js'

/** Runs the compare stage: file list, package metadata on both sides, dependency delta. */
export function buildRuleContext(previous: Sdist, current: Sdist): RuleContext {
  const metadata = {
    previous: readPackageMetadata(previous),
    current: readPackageMetadata(current)
  }
  return {
    previous,
    current,
    files: compareFiles(previous, current),
    metadata,
    dependencies: compareDependencies(metadata.previous, metadata.current)
  }
}
