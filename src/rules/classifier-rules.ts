import type { Severity } from '../severity.js'
import type { Rule } from './types.js'

function classifierRule(
  id: string,
  defaultSeverity: Severity,
  description: string,
  appeared: boolean
): Rule {
  return {
    id,
    defaultSeverity,
    description,
    check: ({ metadata }) => {
      const [from, to] = appeared
        ? [metadata.previous, metadata.current]
        : [metadata.current, metadata.previous]
      return to.classifiers
        .filter(classifier => !from.classifiers.includes(classifier))
        .map(classifier => ({
          message: `classifier "${classifier}" was ${appeared ? 'added' : 'removed'}`
        }))
    }
  }
}

export const classifierRemoved = classifierRule(
  'classifier-removed',
  'low',
  'A Trove classifier was dropped, e.g. `Programming Language :: Python :: 3.11`.',
  false
)
export const classifierAdded = classifierRule(
  'classifier-added',
  'info',
  'A Trove classifier was added.',
  true
)
