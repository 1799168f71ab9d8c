import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { formatRequirement, parseRequirement } from '../../src/packaging/requirements.js'
import { requiresTxtToPep508 } from '../../src/packaging/requires-txt.js'
import { SpecifierSet } from '../../src/packaging/specifiers.js'
import { releaseKey, VersionSet } from '../../src/packaging/version-set.js'
import { Version } from '../../src/packaging/version.js'

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

describe('the wrong answers of issue 24', () => {
  it('<2rc1.post1 allows neither 2.0 nor its pre-releases after rc1.post1', () => {
    expect(set('<2rc1.post1').contains('2.0')).toBe(false)
    expect(set('<2rc1.post1').contains('2rc1')).toBe(true)
    expect(set('<2rc1.post1').contains('2rc2')).toBe(false)
    expect(set('<2rc1.post1').compare(set('<2'))).toBe('unchanged')
  })

  it('=== compares text: ===1.0 holds 1.0 only, however cased', () => {
    expect(set('===1.0').contains('1.0')).toBe(true)
    expect(set('===1.0').contains('1.0.0')).toBe(false)
    expect(set('===Foo').contains('foo')).toBe(true)
  })

  it('!=1.0.* leaves out the pre-, post-, dev and local releases of 1.0 too', () => {
    for (const v of ['1.0rc1', '1.0.dev0', '1.0.post1', '1.0+ubuntu.1', '1.0.0.1'])
      expect([v, set('!=1.0.*').contains(v)]).toEqual([v, false])
    for (const v of ['1.1rc1', '0.9.post1', '1!1.0'])
      expect([v, set('!=1.0.*').contains(v)]).toEqual([v, true])
  })

  it('> and < keep out what PEP 440 says: post and local releases of V, pre-releases of V', () => {
    expect(set('>1.0').contains('1.0.post1')).toBe(false)
    expect(set('>1.0').contains('1.0+local')).toBe(false)
    expect(set('>1.0.post1').contains('1.0.post2')).toBe(true)
    expect(set('<1.0').contains('1.0rc1')).toBe(false)
    expect(set('<1.0rc2').contains('1.0rc1')).toBe(true)
    expect(set('==1.0').contains('1.0+ubuntu.1')).toBe(true)
    expect(set('==1.0+ubuntu-1').contains('1.0+ubuntu.1')).toBe(true)
    expect(set('==1.0+ubuntu.1').contains('1.0')).toBe(false)
  })

  it('pre-releases: contains() takes them unless told not to, filter() only when nothing else matches', () => {
    expect(set('>=1.0').contains('2.0a1')).toBe(true)
    expect(set('>=1.0').contains('2.0a1', { prereleases: false })).toBe(false)
    expect(set('>=1.0').filter(['2.0a1', '1.4', '1.5'])).toEqual(['1.4', '1.5'])
    expect(set('>=1.0').filter(['2.0a1', '0.9'])).toEqual(['2.0a1'])
    expect(set('>=1.0rc1').filter(['2.0a1', '1.4'])).toEqual(['2.0a1', '1.4'])
    expect(set('').filter(['2.0a1', '1.4'], { prereleases: true })).toEqual(['2.0a1', '1.4'])
  })
})

// The algebra (VersionSet over final releases) against membership decided clause by clause by
// `contains`, packaging's own matching (itself checked against pypa/packaging in
// pep440-differential.test.ts). Clauses name versions of one to three parts from 0 to 3, some with a
// pre-, post- or dev-release part or an epoch; the grid holds every four-part version from 0 to 4 and
// a few of epoch 1, so two different boundaries always have grid versions between and beyond them, and
// two sets that agree on the grid agree on every final release.
const GRID: string[] = []
for (let a = 0; a <= 4; a++)
  for (let b = 0; b <= 4; b++)
    for (let c = 0; c <= 4; c++) for (let d = 0; d <= 4; d++) GRID.push(`${a}.${b}.${c}.${d}`)
for (let a = 0; a <= 4; a++)
  for (let b = 0; b <= 4; b++)
    for (let c = 0; c <= 4; c++) for (let d = 0; d <= 1; d++) GRID.push(`1!${a}.${b}.${c}.${d}`)
GRID.push('2!0.1')
const PARSED_GRID = GRID.map(v => Version.parse(v) as Version)

const parts = fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 })
const suffix = fc.constantFrom('', '', '', 'rc1', 'a1.post1', '.post1', '.dev0', '.post1.dev2')
const epoch = fc.constantFrom('', '', '', '', '1!')
const release = fc.tuple(epoch, parts, suffix).map(([e, r, s]) => `${e}${r.join('.')}${s}`)
const clause = fc.oneof(
  fc.tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>='), release).map(([op, v]) => op + v),
  fc
    .tuple(epoch, fc.array(fc.nat({ max: 3 }), { minLength: 2, maxLength: 3 }), suffix)
    .map(([e, r, s]) => `~=${e}${r.join('.')}${s}`),
  fc
    .tuple(fc.constantFrom('==', '!='), epoch, parts)
    .map(([op, e, v]) => `${op}${e}${v.join('.')}.*`)
)
const specifierText = fc.array(clause, { minLength: 0, maxLength: 3 }).map(c => c.join(', '))

const oracleCache = new Map<string, Set<string>>()
function oracle(text: string): Set<string> {
  const parsed = set(text)
  const cached =
    oracleCache.get(text) ??
    new Set(GRID.filter((_, i) => parsed.contains(PARSED_GRID[i] as Version)))
  oracleCache.set(text, cached)
  return cached
}
const members = (has: (v: string) => boolean) => new Set(GRID.filter(has))
const keyOf = (v: string) => {
  const [epoch, release] = v.includes('!') ? v.split('!') : ['0', v]
  return releaseKey(Number(epoch), (release ?? '').split('.').map(Number))
}

describe('specifier-set algebra against clause-by-clause membership', () => {
  it('allows exactly the final releases its clauses match', () => {
    fc.assert(
      fc.property(specifierText, text => {
        const { allowed } = set(text)
        expect(members(v => allowed.has(keyOf(v)))).toEqual(oracle(text))
      }),
      { numRuns: 300 }
    )
  })

  it('intersection, union, difference, subset and equality are exact', () => {
    fc.assert(
      fc.property(specifierText, specifierText, (left, right) => {
        const [a, b] = [set(left), set(right)]
        const [inA, inB] = [oracle(left), oracle(right)]
        const onGrid = (s: VersionSet) => members(v => s.has(keyOf(v)))
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
