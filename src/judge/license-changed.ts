import { describeMeanings, licenseId, licenseMeanings, sameMeaning } from '../packaging/licenses.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import { classifierSubject, removedClassifiers } from './classifier-rules.js'
import type { Rule } from './types.js'

/** Every place a licence is declared, as `Field: value`. */
function declarations(metadata: PackageMetadata): string[] {
  return [
    ...(metadata.licenseExpression ? [`License-Expression: ${metadata.licenseExpression}`] : []),
    ...(metadata.license ? [`License: ${firstLine(metadata.license)}`] : []),
    ...metadata.classifiers.filter(c => c.startsWith('License ::')).map(c => `Classifier: ${c}`)
  ]
}

/** The SPDX form of a declaration, or its licence families when it does not name one. */
function spdx(metadata: PackageMetadata, meanings: ReturnType<typeof licenseMeanings>): string {
  return licenseId(metadata) ?? (describeMeanings(meanings) || 'unrecognised')
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? ''
  return line.length > 80 ? `${line.slice(0, 77)}…` : line
}

export const licenseChanged: Rule = {
  id: 'license-changed',
  defaultSeverity: 'high',
  description:
    'The licence differs in meaning (License, License-Expression, licence classifiers); a licence that only changed form is info.',
  check: ({ metadata }) => {
    const before = declarations(metadata.previous)
    const after = declarations(metadata.current)
    if (before.join('\n') === after.join('\n')) return []
    const was = licenseMeanings(before.join('\n'))
    const is = licenseMeanings(after.join('\n'))
    const summary = `${before.join('; ') || 'none'} → ${after.join('; ') || 'none'}`
    // The licence classifiers that went are part of this change, whatever it means.
    const covers = removedClassifiers(metadata)
      .filter(c => c.startsWith('License ::'))
      .map(classifierSubject)
    if (after.length === 0)
      return [{ message: `the licence declaration was removed (${summary})`, covers }]
    if (before.length === 0)
      return [{ severity: 'info', message: `a licence is now declared (${summary})` }]
    const [wasId, isId] = [spdx(metadata.previous, was), spdx(metadata.current, is)]
    if (sameMeaning(was, is)) {
      const ids = wasId === isId ? isId : `${wasId} → ${isId}`
      return [
        {
          severity: 'info',
          message: `licence declared differently with the same meaning, ${ids} (${summary})`,
          covers
        }
      ]
    }
    return [{ message: `licence changed from ${wasId} to ${isId} (${summary})`, covers }]
  }
}
