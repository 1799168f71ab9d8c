import type { Severity } from '../severity.js'
import type { Rule } from './types.js'

function extraRule(
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
      return to.extras
        .filter(extra => !from.extras.includes(extra))
        .map(extra => ({
          message: appeared
            ? `extra "${extra}" was added`
            : `extra "${extra}" was removed: \`pip install ${metadata.current.name}[${extra}]\` now warns and installs without it`
        }))
    }
  }
}

export const extraAdded = extraRule('extra-added', 'info', 'A Provides-Extra appeared.', true)
export const extraRemoved = extraRule(
  'extra-removed',
  'medium',
  'A Provides-Extra vanished.',
  false
)
