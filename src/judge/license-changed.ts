import { describeMeanings, licenseMeanings, sameMeaning } from '../packaging/licenses.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import type { Rule } from './types.js'

/** Every place a licence is declared, as `Field: value`. */
function declarations(metadata: PackageMetadata): string[] {
  return [
    ...(metadata.licenseExpression ? [`License-Expression: ${metadata.licenseExpression}`] : []),
    ...(metadata.license ? [`License: ${firstLine(metadata.license)}`] : []),
    ...metadata.classifiers.filter(c => c.startsWith('License ::')).map(c => `Classifier: ${c}`)
  ]
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? ''
  return line.length > 80 ? `${line.slice(0, 77)}…` : line
}

/** The licence is declared the same, or differently with the same meaning (a classifier became an SPDX id). */
export function licenceKeepsMeaning(previous: PackageMetadata, current: PackageMetadata): boolean {
  const [before, after] = [declarations(previous), declarations(current)]
  if (before.join('\n') === after.join('\n')) return true
  if (!before.length || !after.length) return false
  return sameMeaning(licenseMeanings(before.join('\n')), licenseMeanings(after.join('\n')))
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
    if (after.length === 0) return [{ message: `the licence declaration was removed (${summary})` }]
    if (before.length === 0)
      return [{ severity: 'info', message: `a licence is now declared (${summary})` }]
    if (sameMeaning(was, is)) {
      return [
        {
          severity: 'info',
          message: `licence declared differently with the same meaning, ${describeMeanings(is) || 'unrecognised'} (${summary})`
        }
      ]
    }
    return [
      {
        message: `licence changed from ${describeMeanings(was) || 'unrecognised'} to ${describeMeanings(is) || 'unrecognised'} (${summary})`
      }
    ]
  }
}
