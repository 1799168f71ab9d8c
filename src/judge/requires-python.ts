import { comparePythonSupport, type PythonChange } from '../packaging/python-versions.js'
import { SpecifierSet } from '../packaging/specifiers.js'
import { classifierSubject, removedClassifiers } from './classifier-rules.js'
import type { Rule, RuleContext } from './types.js'

/** What the Requires-Python change means; nothing when either side is not a valid specifier set. */
function pythonChange({ metadata }: RuleContext): (PythonChange & { change: string }) | undefined {
  const [before, after] = [metadata.previous.requiresPython, metadata.current.requiresPython]
  const was = before ? before.specifier : SpecifierSet.ANY
  const is = after ? after.specifier : SpecifierSet.ANY
  if (!was || !is) return undefined
  return {
    ...comparePythonSupport(was, is),
    change: `Requires-Python ${before?.text || '(any)'} → ${after?.text || '(any)'}`
  }
}

/** `Programming Language :: Python :: 3.9` dropped along with every 3.9: the same change. */
function droppedPythonClassifiers({ metadata }: RuleContext): string[] {
  const allowed = metadata.current.requiresPython?.specifier
  if (!allowed) return []
  return removedClassifiers(metadata).filter(classifier => {
    const minor = /^Programming Language :: Python :: (\d+\.\d+)$/.exec(classifier)?.[1]
    return (
      minor !== undefined && !allowed.contains(`${minor}.0`) && !allowed.contains(`${minor}.999`)
    )
  })
}

export const requiresPythonNarrowed: Rule = {
  id: 'requires-python-narrowed',
  defaultSeverity: 'high',
  description:
    'A Python version allowed before is not allowed now (summarised by minor, patch level included): its users silently stay on the old release. Info when only Pythons that do not exist yet (4.0 and later) are dropped.',
  check: context => {
    const change = pythonChange(context)
    if (!change?.lost) return []
    return [
      {
        message: `${change.lost} (${change.change})`,
        ...(change.lostOnlyFuture && { severity: 'info' as const }),
        covers: droppedPythonClassifiers(context).map(classifierSubject)
      }
    ]
  }
}

export const requiresPythonWidened: Rule = {
  id: 'requires-python-widened',
  defaultSeverity: 'info',
  description: 'A Python version not allowed before is allowed now.',
  check: context => {
    const change = pythonChange(context)
    return change?.gained ? [{ message: `${change.gained} (${change.change})` }] : []
  }
}
