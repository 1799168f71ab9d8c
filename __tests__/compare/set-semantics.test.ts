// Dependency and Requires-Python changes against an independent oracle: membership of a dense grid of
// versions decided clause by clause by `SpecifierSet.contains` (packaging's own matching, checked
// against pypa/packaging in __tests__/packaging/pep440-differential.test.ts), not by the set algebra the
// comparisons use, on random specifier pairs.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { compareDependencies } from '../../src/compare/dependencies.js'
import { comparePythonSupport } from '../../src/packaging/python-versions.js'
import { parseRequirement } from '../../src/packaging/requirements.js'
import { SpecifierSet } from '../../src/packaging/specifiers.js'
import { Version } from '../../src/packaging/version.js'
import type { PackageMetadata } from '../../src/read/package-metadata.js'

function clauses(release: fc.Arbitrary<number[]>): fc.Arbitrary<string> {
  const version = release.map(r => r.join('.'))
  const clause = fc.oneof(
    fc.tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>='), version).map(([o, v]) => o + v),
    release.filter(r => r.length >= 2).map(r => `~=${r.join('.')}`),
    fc.tuple(fc.constantFrom('==', '!='), version).map(([o, v]) => `${o}${v}.*`)
  )
  // Equivalent spellings: trailing zeros, spaces, clause order.
  return fc
    .array(fc.tuple(clause, fc.boolean()), { maxLength: 3 })
    .map(list =>
      list.map(([c, spaced]) => (spaced ? c.replace(/^([<>=!~]+)/, '$1 ') : c)).join(', ')
    )
}

const parsedVersions = new Map<string, Version>()
const version = (text: string) => {
  const parsed = parsedVersions.get(text) ?? Version.parse(text)
  if (!parsed) throw new Error(`test: ${text} is not a version`)
  parsedVersions.set(text, parsed)
  return parsed
}

const oracleChange = (grid: string[], before: string, after: string) => {
  const [left, right] = [SpecifierSet.parse(before), SpecifierSet.parse(after)]
  const was = new Set(grid.filter(v => left?.contains(version(v))))
  const is = new Set(grid.filter(v => right?.contains(version(v))))
  return {
    lost: [...was].some(v => !is.has(v)),
    gained: [...is].some(v => !was.has(v))
  }
}

describe('dependency changes follow exact set semantics', () => {
  const grid: string[] = []
  for (let a = 0; a <= 4; a++)
    for (let b = 0; b <= 4; b++)
      for (let c = 0; c <= 4; c++) for (let d = 0; d <= 4; d++) grid.push(`${a}.${b}.${c}.${d}`)
  const specifier = clauses(fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 }))
  const metadata = (spec: string) => {
    const parsed = parseRequirement(`dep ${spec}`)
    if (!parsed.ok) throw new Error(`test: ${spec}: ${parsed.error}`)
    return { requirements: [parsed.requirement], requirementsSource: 'PKG-INFO' } as PackageMetadata
  }

  it('tightened, loosened, changed, or no finding at all', () => {
    fc.assert(
      fc.property(specifier, specifier, (before, after) => {
        const { lost, gained } = oracleChange(grid, before, after)
        const expected =
          lost && gained ? 'changed' : lost ? 'tightened' : gained ? 'loosened' : undefined
        const changes = compareDependencies(metadata(before), metadata(after))
        expect(changes.map(c => c.kind)).toEqual(expected ? [expected] : [])
      }),
      { numRuns: 150 }
    )
  })
})

describe('Requires-Python changes follow exact set semantics over real Pythons', () => {
  // Every real Python 2.0–2.7 and 3.0–3.11, and the Python 4 the model leaves room for, patches 0–3;
  // clauses name 2.x and 3.x up to minor 10, patch 2.
  const grid: string[] = []
  for (const [major, last] of [
    [2, 7],
    [3, 11],
    [4, 1]
  ] as const)
    for (let minor = 0; minor <= last; minor++)
      for (let patch = 0; patch <= 3; patch++) grid.push(`${major}.${minor}.${patch}`)
  const release = fc.tuple(
    fc.constantFrom(2, 3),
    fc.array(fc.nat({ max: 10 }), { maxLength: 1 }),
    fc.array(fc.nat({ max: 2 }), { maxLength: 1 })
  )
  const specifier = clauses(
    release.map(([major, minor, patch]) => (minor.length ? [major, ...minor, ...patch] : [major]))
  )

  it('narrowed exactly when a Python is lost, widened exactly when one is gained', () => {
    fc.assert(
      fc.property(specifier, specifier, (before, after) => {
        const { lost, gained } = oracleChange(grid, before, after)
        const change = comparePythonSupport(
          SpecifierSet.parse(before) ?? SpecifierSet.ANY,
          SpecifierSet.parse(after) ?? SpecifierSet.ANY
        )
        expect({ lost: change.lost !== undefined, gained: change.gained !== undefined }).toEqual({
          lost,
          gained
        })
      }),
      { numRuns: 300 }
    )
  })
})
