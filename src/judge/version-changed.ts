import { compareVersions, describeVersionStep } from '../packaging/version.js'
import type { Rule } from './types.js'

export const versionChanged: Rule = {
  id: 'version-changed',
  defaultSeverity: 'info',
  description:
    'The version went up; the finding names the kind of step (pre-release, final, patch, minor, major).',
  check: ({ metadata }) => {
    const before = metadata.previous.version
    const after = metadata.current.version
    if ((compareVersions(after, before) ?? 0) <= 0) return []
    return [{ message: `version ${before} → ${after}: ${describeVersionStep(before, after)}` }]
  }
}
