import type { SourceComparison } from '../compare/source.js'
import { compareVersions } from '../packaging/version.js'
import { isSensitiveFile } from './sensitive-file-added.js'
import type { CurrentContext, Rule, RuleHit } from './types.js'

/** Folders whose code only runs when someone runs the tests or builds the docs. */
const NOT_SHIPPED_CODE = /^(?:tests?|testing|docs?|examples?|benchmarks?)\//

/** Code an install or an import runs: setup.py, a .pth, a module outside tests and docs. */
function runsOnInstallOrImport(path: string): boolean {
  if (path === 'setup.py' || path.endsWith('.pth')) return true
  return path.endsWith('.py') && !NOT_SHIPPED_CODE.test(path)
}

const isPython = (path: string) => path.endsWith('.py') || path.endsWith('.pyi')

export const fileNotInSource: Rule = {
  id: 'file-not-in-source',
  defaultSeverity: 'medium',
  scope: 'current',
  description:
    'A file in the sdist that git does not track at the commit it was built from, and no build backend writes: never committed, or written by a build step. High for code that runs (a module, setup.py, a .pth) or a sensitive file.',
  check: ({ source, archive: current }) =>
    (source?.notInSource ?? []).map(path => ({
      path,
      message: `${path} is in the sdist but not in git at ${source?.against}: it was never committed, or the build wrote it`,
      ...((runsOnInstallOrImport(path) || isSensitiveFile(path, current.entries.get(path))) && {
        severity: 'high' as const
      })
    }))
}

export const sourceFileMissing: Rule = {
  id: 'source-file-missing',
  defaultSeverity: 'low',
  scope: 'current',
  description:
    'A file git tracks under the package’s import folders that the sdist leaves out (a MANIFEST or include rule dropped it); medium when the previous release shipped it.',
  check: ({ source }) =>
    (source?.missing ?? []).map(({ path, shippedBefore }) => ({
      path,
      message: `${path} is tracked in git at ${source?.against} but not in the sdist${shippedBefore ? '; the previous release shipped it' : ''}`,
      ...(shippedBefore && { severity: 'medium' as const })
    }))
}

export const fileDiffersFromSource: Rule = {
  id: 'file-differs-from-source',
  defaultSeverity: 'medium',
  scope: 'current',
  description:
    'A tracked file whose bytes in the sdist differ from the commit: an uncommitted edit, or a build step that rewrote it (known backend rewrites such as setup.cfg excepted). High for Python code.',
  check: ({ source }) =>
    (source?.differs ?? []).map(path => ({
      path,
      message: `${path} in the sdist differs from ${path} in git at ${source?.against}: an uncommitted edit, or the build rewrote it`,
      ...(isPython(path) && { severity: 'high' as const })
    }))
}

export const versionTagMismatch: Rule = {
  id: 'version-tag-mismatch',
  defaultSeverity: 'high',
  scope: 'current',
  description:
    'The release tag (`v1.2.3`, `1.2.3`, `name-1.2.3`, `name-v1.2.3`) names another version than the sdist’s, after PEP 440 normalisation.',
  check: ({ tag, metadata }: CurrentContext): RuleHit[] => {
    // PEP 440 equality: tag 1.1.0 names release 1.1.
    if (!tag || compareVersions(tag.version, metadata.version) === 0) return []
    return [
      {
        message: `tag ${tag.tag} names version ${tag.version} but the sdist is version ${metadata.version}: the tag and the release disagree`
      }
    ]
  }
}

/** Files the published release holds that its tag lacks, and Python code that differs from it. */
function unexplained(comparison: SourceComparison): string[] {
  return [...comparison.notInSource, ...comparison.differs.filter(isPython)]
}

export const releaseDiffersFromTag: Rule = {
  id: 'release-differs-from-tag',
  defaultSeverity: 'high',
  description:
    'The previous release (from the index or a file) holds files its version’s tag does not, or Python code that differs from it: it was not built from the repository.',
  check: ({ previousAtTag, metadata }) => {
    if (!previousAtTag) return []
    const files = unexplained(previousAtTag)
    if (!files.length) return []
    const shown =
      files.slice(0, 10).join(', ') + (files.length > 10 ? `, … (${files.length - 10} more)` : '')
    return [
      {
        message: `the previous release ${metadata.previous.version} holds files that are not in its ${previousAtTag.against} or differ from it: ${shown}; it was not built from the repository`
      }
    ]
  }
}
