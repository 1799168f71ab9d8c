import { describe, expect, it } from '@jest/globals'
import { satisfies } from '@renovatebot/pep440'
import fc from 'fast-check'
import { formatRequirement, parseRequirement } from '../../src/packaging/requirements.js'
import { requiresTxtToPep508 } from '../../src/packaging/requires-txt.js'
import { SpecifierSet } from '../../src/packaging/specifiers.js'
import { releaseKey, VersionSet } from '../../src/packaging/version-set.js'

const set = (text: string) => {
  const parsed = SpecifierSet.parse(text)
  if (!parsed) throw new Error(`test: "${text}" does not parse`)
  return parsed
}

describe('specifier sets compared as sets', () => {
  it.each([
    ['>=3.6.0', '>=3.6', 'unchanged'],
    ['>=1.2,<2', '<2.0.0, >=1.2.0', 'unchanged'],
    ['~=2.2', '>=2.2,<3', 'unchanged'],
    ['~=2.2.1', '>=2.2.1,==2.2.*', 'unchanged'],
    ['==1.4.*', '>=1.4,<1.5', 'unchanged'],
    ['!=3.0.*', '<3.0|>=3.1', 'invalid'],
    ['<2.0rc1', '<2.0', 'unchanged'],
    ['>1.0rc1', '>=1.0', 'unchanged'],
    ['>=1.0.post1', '>1.0', 'unchanged'],
    ['===1.0', '==1.0', 'unchanged'],
    ['>=2.0', '<3,>=2.31', 'narrowed'],
    ['>=3.8', '>=3.8.1', 'narrowed'],
    ['>1.2', '>=1.2.1', 'narrowed'],
    ['>=2.31,<3', '>=2.0', 'widened'],
    ['==1.0', '==1.1', 'shifted'],
    ['>=3.9', '>=3.9,!=3.10.*', 'narrowed'],
    ['', '>=1', 'narrowed'],
    ['<2', '', 'widened'],
    ['>=3.11,<3.12', '>=3.12,<3.13', 'shifted'],
    ['==1.0+local', '==1.0', 'widened']
  ])('%s → %s is %s', (before, after, expected) => {
    if (expected === 'invalid') return expect(SpecifierSet.parse(after)).toBeUndefined()
    expect(set(before).compare(set(after))).toBe(expected)
  })

  it('keeps a normal form that ignores order and spacing', () => {
    expect(set(' <3 , >=2.31').toString()).toBe('<3,>=2.31')
    expect(set('==1.0.*').toString()).toBe('==1.0.*')
    expect(set('').isAny).toBe(true)
  })

  it.each(['>=', '~=1', '<1.0+local', '>=1.0.*', '==1.0.post1.*', 'foo', '>=1 <2'])(
    'refuses %j',
    text => expect(SpecifierSet.parse(text)).toBeUndefined()
  )

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), text => {
        SpecifierSet.parse(text)?.compare(set('>=1'))
      }),
      { numRuns: 300 }
    )
  })
})

// The oracle: membership of a dense grid of final releases, decided by @renovatebot/pep440's satisfies.
// Clauses name versions of one to three parts from 0 to 3; the grid holds every four-part version from 0
// to 4, so two different boundaries always have grid versions between and beyond them, and two sets that
// agree on the grid agree on every final release.
const GRID: string[] = []
for (let a = 0; a <= 4; a++)
  for (let b = 0; b <= 4; b++)
    for (let c = 0; c <= 4; c++) for (let d = 0; d <= 4; d++) GRID.push(`${a}.${b}.${c}.${d}`)

const release = fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 }).map(r => r.join('.'))
const clause = fc.oneof(
  fc.tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>='), release).map(([op, v]) => op + v),
  fc.array(fc.nat({ max: 3 }), { minLength: 2, maxLength: 3 }).map(r => `~=${r.join('.')}`),
  fc.tuple(fc.constantFrom('==', '!='), release).map(([op, v]) => `${op}${v}.*`)
)
const specifierText = fc.array(clause, { minLength: 0, maxLength: 3 }).map(c => c.join(', '))

const oracleCache = new Map<string, Set<string>>()
function oracle(text: string): Set<string> {
  const cached = oracleCache.get(text) ?? new Set(GRID.filter(v => satisfies(v, text)))
  oracleCache.set(text, cached)
  return cached
}
const members = (has: (v: string) => boolean) => new Set(GRID.filter(has))

describe('specifier-set algebra against an independent oracle', () => {
  it('allows exactly the versions the oracle allows', () => {
    fc.assert(
      fc.property(specifierText, text => {
        expect(members(v => set(text).contains(v))).toEqual(oracle(text))
      }),
      { numRuns: 200 }
    )
  })

  it('intersection, union, difference, subset and equality are exact', () => {
    fc.assert(
      fc.property(specifierText, specifierText, (left, right) => {
        const [a, b] = [set(left), set(right)]
        const [inA, inB] = [oracle(left), oracle(right)]
        const onGrid = (s: VersionSet) =>
          members(v => s.has(releaseKey(0, v.split('.').map(Number))))
        expect(onGrid(a.intersection(b))).toEqual(new Set([...inA].filter(v => inB.has(v))))
        expect(onGrid(a.union(b))).toEqual(new Set([...inA, ...inB]))
        expect(onGrid(a.difference(b))).toEqual(new Set([...inA].filter(v => !inB.has(v))))
        expect(a.isSubsetOf(b)).toBe([...inA].every(v => inB.has(v)))
        const same = inA.size === inB.size && [...inA].every(v => inB.has(v))
        expect(a.equals(b)).toBe(same)
        const lost = [...inA].some(v => !inB.has(v))
        const gained = [...inB].some(v => !inA.has(v))
        expect(a.compare(b)).toBe(
          lost && gained ? 'shifted' : lost ? 'narrowed' : gained ? 'widened' : 'unchanged'
        )
      }),
      { numRuns: 150 }
    )
  })
})

describe('PEP 508 requirements', () => {
  it('normalises names, extras, specifiers and markers', () => {
    const parsed = parseRequirement(
      "Click_Extra [B,a] <3 , >=2.31 ; python_version<'3.8' and (os_name=='nt' or os_name=='posix')"
    )
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.requirement).toMatchObject({ key: 'click-extra', extras: ['a', 'b'] })
    expect(parsed.requirement.specifier.toString()).toBe('<3,>=2.31')
    expect(parsed.requirement.marker?.toString()).toBe(
      'python_version < "3.8" and (os_name == "nt" or os_name == "posix")'
    )
  })

  it('reads URL requirements and parenthesised specifiers', () => {
    const url = parseRequirement('pip @ https://github.com/pypa/pip/archive/22.0.2.zip')
    expect(url.ok && url.requirement.url).toBe('https://github.com/pypa/pip/archive/22.0.2.zip')
    const old = parseRequirement('foo (>=1.0)')
    expect(old.ok && formatRequirement(old.requirement)).toBe('foo>=1.0')
  })

  it('reports invalid requirements instead of throwing', () => {
    fc.assert(
      fc.property(fc.string(), text => {
        const parsed = parseRequirement(text)
        expect(typeof parsed.ok).toBe('boolean')
      }),
      { numRuns: 500 }
    )
    expect(parseRequirement('foo >= ').ok).toBe(false)
  })

  it('parses a line once: the same text gives the same frozen result, other spellings their own', () => {
    const first = parseRequirement('requests[socks] >=2.31 ; python_version >= "3.8"')
    expect(parseRequirement('requests[socks] >=2.31 ; python_version >= "3.8"')).toBe(first)
    const spaced = parseRequirement(' requests[socks] >=2.31 ; python_version >= "3.8" ')
    expect(spaced).not.toBe(first)
    expect(spaced.ok && first.ok && spaced.requirement.text === first.requirement.text).toBe(true)
    expect(parseRequirement('foo >= ')).toBe(parseRequirement('foo >= '))
  })

  it('folds requires.txt section markers into each requirement', () => {
    expect(requiresTxtToPep508('a\n[x]\nb; os_name == "nt"\n').requirements).toEqual([
      'a',
      'b ; (os_name == "nt") and (extra == "x")'
    ])
  })
})
