import { hasFileChanges } from '../compare/file-changes.js'
import { compareVersions, isValidVersion } from '../packaging/version.js'
import type { Rule } from './types.js'

export const versionNotIncreased: Rule = {
  id: 'version-not-increased',
  defaultSeverity: 'high',
  description:
    'The current version is not greater than the previous one in PEP 440 order, or is not a valid PEP 440 version. Silent when both sdists hold identical files (a rebuild of the same release).',
  check: ({ metadata, files }) => {
    if (!hasFileChanges(files)) return []
    const before = metadata.previous.version
    const after = metadata.current.version
    if (!isValidVersion(after)) {
      return [{ message: `version "${after}" is not a valid PEP 440 version: PyPI will refuse it` }]
    }
    const order = compareVersions(after, before)
    if (order === undefined || order > 0) return []
    if (order < 0) {
      return [
        {
          message: `version ${after} is lower than the previous ${before}: pip keeps installing ${before}`
        }
      ]
    }
    const spelling =
      before === after ? '' : ` (${before} and ${after} are the same PEP 440 version)`
    return [
      {
        message: `version ${after} is the same as the previous release${spelling}: PyPI refuses re-uploads`
      }
    ]
  }
}
