import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { allowedPythonMinors } from '../../src/packaging/requires-python.js'
import { formatRequirement, parseRequirement } from '../../src/packaging/requirements.js'
import { requiresTxtToPep508 } from '../../src/packaging/requires-txt.js'
import { compareSpecifierSets, isValidSpecifier } from '../../src/packaging/specifiers.js'

describe('specifier sets compared as sets', () => {
  it.each([
    ['>=3.6.0', '>=3.6', 'unchanged'],
    ['>=2.0', '<3,>=2.31', 'narrowed'],
    ['>=2.31,<3', '>=2.0', 'widened'],
    ['==1.0', '==1.1', 'shifted'],
    ['~=2.2', '>=2.2,<3', 'unchanged'],
    ['>=3.9', '>=3.9,!=3.10.*', 'narrowed'],
    ['', '>=1', 'narrowed'],
    ['<2', '', 'widened'],
    ['>=3.11,<3.12', '>=3.12,<3.13', 'shifted']
  ])('%s → %s is %s', (before, after, expected) => {
    expect(compareSpecifierSets(before, after)).toBe(expected)
  })
})

describe('Requires-Python as Python minor versions', () => {
  it.each([
    ['>=3.11,<3.12', ['3.11']],
    ['>=3.12,<3.13', ['3.12']],
    ['>=3.9,!=3.10.*,<3.12', ['3.9', '3.11']],
    [
      '~=3.8',
      [
        '3.8',
        '3.9',
        '3.10',
        '3.11',
        '3.12',
        '3.13',
        '3.14',
        '3.15',
        '3.16',
        '3.17',
        '3.18',
        '3.19',
        '3.20'
      ]
    ],
    ['>=3.8.1,<3.9', ['3.8']]
  ])('%s allows %j', (specifier, minors) => {
    expect(allowedPythonMinors(specifier)).toEqual(minors)
  })

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), text => {
        isValidSpecifier(text)
        compareSpecifierSets(text, '>=1')
      }),
      { numRuns: 300 }
    )
  })
})

describe('PEP 508 requirements', () => {
  it('normalises names, extras, specifiers and markers', () => {
    const parsed = parseRequirement(
      "Click_Extra [B,a] <3 , >=2.31 ; python_version<'3.8' and (os_name=='nt' or os_name=='posix')"
    )
    expect(parsed.ok && parsed.requirement).toMatchObject({
      key: 'click-extra',
      extras: ['a', 'b'],
      specifier: '<3,>=2.31',
      marker: 'python_version < "3.8" and (os_name == "nt" or os_name == "posix")'
    })
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

  it('folds requires.txt section markers into each requirement', () => {
    expect(requiresTxtToPep508('a\n[x]\nb; os_name == "nt"\n').requirements).toEqual([
      'a',
      'b ; (os_name == "nt") and (extra == "x")'
    ])
  })
})
