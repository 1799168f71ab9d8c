import { allowedPythonMinors } from '../packaging/requires-python.js'
import { isValidSpecifier } from '../packaging/specifiers.js'
import type { Rule, RuleContext } from './types.js'

/** Python minors lost and gained; nothing when either side's Requires-Python is not a valid specifier. */
function pythonDelta({ metadata }: RuleContext): {
  lost: string[]
  gained: string[]
  change: string
} {
  const before = metadata.previous.requiresPython ?? ''
  const after = metadata.current.requiresPython ?? ''
  if (!isValidSpecifier(before) || !isValidSpecifier(after))
    return { lost: [], gained: [], change: '' }
  const was = allowedPythonMinors(before)
  const is = allowedPythonMinors(after)
  return {
    lost: was.filter(minor => !is.includes(minor)),
    gained: is.filter(minor => !was.includes(minor)),
    change: `Requires-Python ${before || '(any)'} → ${after || '(any)'}`
  }
}

function listMinors(minors: string[]): string {
  return minors.length === 1 ? `Python ${minors[0]} is` : `Python ${minors.join(', ')} are`
}

export const requiresPythonNarrowed: Rule = {
  id: 'requires-python-narrowed',
  defaultSeverity: 'high',
  description:
    'A Python minor version (3.0 … 3.20) allowed before is not allowed now: its users silently stay on the old release.',
  check: context => {
    const { lost, change } = pythonDelta(context)
    return lost.length ? [{ message: `${listMinors(lost)} no longer supported (${change})` }] : []
  }
}

export const requiresPythonWidened: Rule = {
  id: 'requires-python-widened',
  defaultSeverity: 'info',
  description: 'A Python minor version not allowed before is allowed now.',
  check: context => {
    const { gained, change } = pythonDelta(context)
    return gained.length ? [{ message: `${listMinors(gained)} newly supported (${change})` }] : []
  }
}
