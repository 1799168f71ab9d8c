import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  compareVersions,
  describeVersionStep,
  normalizeVersion
} from '../../src/packaging/version.js'

// A PEP 440 version as parts, with the spec's sort key written out independently of the library.
const versionParts = fc.record({
  release: fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 }),
  pre: fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc'), fc.nat({ max: 5 })), { nil: undefined }),
  post: fc.option(fc.nat({ max: 5 }), { nil: undefined }),
  dev: fc.option(fc.nat({ max: 5 }), { nil: undefined })
})
type Parts = typeof versionParts extends fc.Arbitrary<infer T> ? T : never

function canonical(v: Parts): string {
  return (
    v.release.join('.') +
    (v.pre ? `${v.pre[0]}${v.pre[1]}` : '') +
    (v.post !== undefined ? `.post${v.post}` : '') +
    (v.dev !== undefined ? `.dev${v.dev}` : '')
  )
}

/** An unnormalised spelling PEP 440 says means the same version. */
function respelled(v: Parts, style: number): string {
  const pre = v.pre
    ? ({ a: ['alpha', 'A', '-a'], b: ['beta', 'B', '_b'], rc: ['c', 'RC', '-pre'] }[v.pre[0]][
        style % 3
      ] ?? '') + v.pre[1]
    : ''
  const post = v.post !== undefined ? ['-post', '.rev', '_r'][style % 3] + String(v.post) : ''
  const dev = v.dev !== undefined ? ['-dev', '.DEV', '_dev'][style % 3] + String(v.dev) : ''
  return (style % 2 ? 'v' : '') + v.release.join('.') + pre + post + dev
}

/** PEP 440's ordering: release (trailing zeros ignored), then dev < pre < final < post. */
function sortKey(v: Parts): number[] {
  const release = [...v.release]
  while (release.length > 1 && release[release.length - 1] === 0) release.pop()
  const padded = [...release, ...Array(5 - release.length).fill(0)]
  const preRank = v.pre
    ? { a: 0, b: 1, rc: 2 }[v.pre[0]]
    : v.post === undefined && v.dev !== undefined
      ? -1
      : 3
  return [
    ...padded,
    preRank,
    v.pre ? v.pre[1] : 0,
    v.post === undefined ? -1 : v.post,
    v.dev === undefined ? Infinity : v.dev
  ]
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) < (b[i] ?? 0) ? -1 : 1
  return 0
}

describe('PEP 440 versions', () => {
  it('normalises every spelling PEP 440 allows to the canonical form', () => {
    fc.assert(
      fc.property(versionParts, fc.nat({ max: 5 }), (parts, style) => {
        expect(normalizeVersion(respelled(parts, style))).toBe(canonical(parts))
      }),
      { numRuns: 300 }
    )
  })

  it('orders versions the way PEP 440 says', () => {
    fc.assert(
      fc.property(versionParts, versionParts, (a, b) => {
        expect(compareVersions(canonical(a), canonical(b))).toBe(
          compareKeys(sortKey(a), sortKey(b))
        )
      }),
      { numRuns: 500 }
    )
  })

  it('treats 1.0.0-rc1 and 1.0.0rc1 as equal and rejects what is not a version', () => {
    expect(compareVersions('1.0.0-rc1', '1.0.0rc1')).toBe(0)
    expect(compareVersions('1.0', '1.0.0')).toBe(0)
    expect(compareVersions('banana', '1.0')).toBeUndefined()
  })

  it('normalises local labels: separators become dots, letters lower case, numbers lose leading zeros', () => {
    expect(normalizeVersion('1.0+ubuntu.1')).toBe('1.0+ubuntu.1')
    expect(normalizeVersion('1.0+Ubuntu-01_B')).toBe('1.0+ubuntu.1.b')
    expect(normalizeVersion('v1!1.0-1')).toBe('1!1.0.post1')
  })

  it('orders local labels: none first, then part by part, words before numbers, numbers by value', () => {
    const ascending = [
      '1.0',
      '1.0+abc',
      '1.0+abc.2',
      '1.0+abc.10',
      '1.0+abc.10.x',
      '1.0+1',
      '1.0+2',
      '1.0.post0'
    ]
    for (let i = 1; i < ascending.length; i++)
      expect(compareVersions(ascending[i - 1] ?? '', ascending[i] ?? '')).toBe(-1)
    expect(compareVersions('1.0+99999999999999999999', '1.0+99999999999999999998')).toBe(1)
  })

  it.each([
    ['24.3.0rc2', '24.3.0rc3', 'the next pre-release of 24.3.0'],
    ['24.3.0rc3', '24.3.0', 'the final release of 24.3.0'],
    ['1.2.3', '1.2.4', 'a patch release'],
    ['1.2.3', '1.3.0', 'a minor release'],
    ['1.2.3', '2.0.0', 'a major release'],
    ['1.2.3', '2.0.0b1', 'a pre-release of the next major release'],
    ['1.0', '1.0.post1', 'a post-release of 1.0']
  ])('describes %s → %s as %s', (before, after, words) => {
    expect(describeVersionStep(before, after)).toBe(words)
  })
})
