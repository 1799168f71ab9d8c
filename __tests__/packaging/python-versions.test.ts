import { describe, expect, it } from '@jest/globals'
import { environmentsFor, representativePythons } from '../../src/packaging/marker-environments.js'
import { comparePythonSupport, supportedPythons } from '../../src/packaging/python-versions.js'
import { parseRequirement } from '../../src/packaging/requirements.js'
import { SpecifierSet } from '../../src/packaging/specifiers.js'

const set = (text: string) => SpecifierSet.parse(text) ?? SpecifierSet.ANY

describe('Requires-Python changes, summarised by minor', () => {
  it.each([
    // The three answers the first version got wrong.
    ['<3', '>=3.5', 'Python 2 is no longer supported', 'Python 3.5 and later are newly supported'],
    ['>=2.7', '>=3.6', 'Python 2.7, 3.0–3.5 are no longer supported', undefined],
    [
      '>=3.8',
      '>=3.8.1',
      'Python 3.8.0 is no longer supported (3.8.1 and later still are)',
      undefined
    ],
    // An added upper bound is one phrase, not a list of minors.
    ['>=3.9', '>=3.9,<3.13', 'Python 3.13 and later are no longer supported', undefined],
    [
      '>=3.11,<3.12',
      '>=3.12,<3.13',
      'Python 3.11 is no longer supported',
      'Python 3.12 is newly supported'
    ],
    ['>=3.9', '>=3.9,!=3.10.*', 'Python 3.10 is no longer supported', undefined],
    [
      '>=3.8',
      '>=3.8,!=3.8.5',
      'Python 3.8.5 is no longer supported (3.8.0–3.8.4, 3.8.6 and later still are)',
      undefined
    ],
    [
      '>=3.8',
      '>=3.8,<3.8.5',
      'Python 3.8.5 and later are no longer supported (3.8.0–3.8.4 still are)',
      undefined
    ],
    ['>=2.6,<3', '>=2.7,<3', 'Python 2.6 is no longer supported', undefined],
    ['>=3.8,<3.12', '>=3.9,<3.12', 'Python 3.8 is no longer supported', undefined],
    ['<4', '<3.13', 'Python 3.13 and later 3.x releases are no longer supported', undefined],
    ['>=3.6', '>=3.6.0', undefined, undefined],
    ['>=3.9', '>=3.9.0,<4', 'Python 4.0 and later are no longer supported', undefined],
    ['', '>=3.10', 'Python 2, 3.0–3.9 are no longer supported', undefined],
    ['>=3.12', '>=3.10', undefined, 'Python 3.10, 3.11 are newly supported'],
    ['>=3.8.1', '>=3.8', undefined, 'Python 3.8.0 is newly supported']
  ])('%s → %s', (before, after, lost, gained) => {
    const change = comparePythonSupport(set(before), set(after))
    expect(change.lost).toBe(lost)
    expect(change.gained).toBe(gained)
  })

  it('knows when only Pythons that do not exist yet were dropped', () => {
    expect(comparePythonSupport(set('>=3.9'), set('>=3.9,<4')).lostOnlyFuture).toBe(true)
    expect(comparePythonSupport(set('>=3.9'), set('>=3.10,<4')).lostOnlyFuture).toBe(false)
  })

  it('models real Pythons: 2.0 to 2.7 and 3.0 onward, patch level included, no cap', () => {
    expect(supportedPythons(set('>=2.7.9,!=3.0.*,<3.2'))).toEqual([
      { from: [2, 7, 9], to: [3, 0, 0] },
      { from: [3, 1, 0], to: [3, 2, 0] }
    ])
    expect(supportedPythons(set('>=3.40'))).toEqual([{ from: [3, 40, 0] }])
    expect(supportedPythons(set('<2'))).toEqual([])
  })
})

describe('environment markers', () => {
  const marker = (text: string) => {
    const parsed = parseRequirement(`x; ${text}`)
    if (!parsed.ok || !parsed.requirement.marker) throw new Error(`test: ${text}`)
    return parsed.requirement.marker
  }

  it('evaluates version, string and extra comparisons the PEP 508 way', () => {
    const env = {
      python_version: '3.10',
      python_full_version: '3.10.4',
      sys_platform: 'linux',
      extra: ''
    }
    expect(marker('python_version < "3.9"').evaluate(env)).toBe(false)
    expect(marker('python_version >= "3.9"').evaluate(env)).toBe(true)
    expect(marker('python_full_version < "3.10.5"').evaluate(env)).toBe(true)
    expect(marker('"linux" in sys_platform and python_version != "3.11"').evaluate(env)).toBe(true)
    expect(marker('sys_platform == "win32" or python_version ~= "3.10"').evaluate(env)).toBe(true)
    expect(marker('extra == "Dev_Tools"').evaluate({ ...env, extra: 'dev-tools' })).toBe(true)
    expect(marker('extra == "Dev_Tools"').extras).toEqual(['dev-tools'])
  })

  it('is evaluated over the environments a Requires-Python allows', () => {
    const pythons = environmentsFor(set('>=3.10'), ['test'])
    expect(marker('python_version < "3.8"').holdsIn(pythons)).toEqual([])
    const windowsOnly = marker('sys_platform == "win32" and python_version < "3.11"').holdsIn(
      pythons
    )
    expect(new Set(windowsOnly.map(e => e.python_version))).toEqual(new Set(['3.10']))
    expect(
      marker('extra == "test"')
        .holdsIn(pythons)
        .every(e => e.extra === 'test')
    ).toBe(true)
  })

  it('prints a canonical text', () => {
    expect(String(marker("os_name=='nt' and (sys_platform=='1' or platform_machine=='2')"))).toBe(
      'os_name == "nt" and (sys_platform == "1" or platform_machine == "2")'
    )
  })

  it('keeps the parentheses as written and compares without the redundant ones', () => {
    const grouped = marker('(os_name == "nt" and sys_platform == "1") or platform_machine == "2"')
    const flat = marker('os_name == "nt" and sys_platform == "1" or platform_machine == "2"')
    expect(String(grouped)).toBe(
      '(os_name == "nt" and sys_platform == "1") or platform_machine == "2"'
    )
    expect(grouped.key).toBe(String(flat))
    expect(grouped.equals(flat)).toBe(true)
    expect(
      marker('a == "1" and ((b == "2" or c == "3"))'.replace(/\b([abc])\b/g, 'os_name')).key
    ).toBe('os_name == "1" and (os_name == "2" or os_name == "3")')
  })
})

describe('the Pythons that stand for a Requires-Python', () => {
  it('are as many for an upper bound of 4.0, 100 or 3.99999 as for none: the work does not grow with the bound', () => {
    const counts = ['>=3.9', '>=3.9,<4.0', '>=3.9,<100', '>=3.9,<3.99999', '>=3.9,<3.100000'].map(
      text => [representativePythons(set(text)).length, environmentsFor(set(text), ['dev']).length]
    )
    // 3.9 to 3.16, two patch levels each, on 3 platforms × 2 implementations × (no extra, dev).
    expect(counts).toEqual(Array(5).fill([16, 16 * 12]))
  })

  it('are the first and last Python of a range within a minor, and past every known minor', () => {
    expect(representativePythons(set('>=3.8.2,<3.8.5'))).toEqual(['3.8.2', '3.8.4'])
    expect(representativePythons(set('>=4.0'))).toEqual(['4.0.0'])
    expect(representativePythons(set('>=4.0,<5'))).toEqual(['4.0.0'])
    expect(representativePythons(set('<2.1'))).toEqual(['2.0.0', '2.0.99'])
    expect(representativePythons(set('==3.12.*'))).toEqual(['3.12.0', '3.12.99'])
  })
})
