// PEP 440 against pypa/packaging: generated versions (epochs, locals, pre/post/dev combinations, other
// spellings, invalid text) and specifier sets, with membership of a grid of every kind of version.
//
// The reference is packaging 26.2 (the image's python3): pip vendors packaging 26 today (26.3 on its
// main branch, whose membership answers are 26.2's), so that is what users get. Its answers are kept in
// __tests__/fixtures/pep440-oracle.json with, per other packaging release, the answers that release
// gives differently (Debian's /usr/bin/python3 has 23.0). With an interpreter at hand the test asks it
// again and compares with the fixture's record for its release; `UPDATE_PEP440_ORACLE=1` rewrites it.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { SpecifierSet } from '../../src/packaging/specifiers.js'
import { releaseKey } from '../../src/packaging/version-set.js'
import { Version } from '../../src/packaging/version.js'
import {
  findOracles,
  isCurrent,
  type OracleAnswers,
  type OracleRequest,
  type SpecifierFacts,
  type VersionFacts
} from '../helpers/pep440-oracle.js'
import { REQUEST } from './pep440-cases.js'

const FIXTURE = fileURLToPath(new URL('../fixtures/pep440-oracle.json', import.meta.url))

interface Differences {
  versions: Record<number, VersionFacts | null>
  specifiers: Record<number, SpecifierFacts | null>
  /** Pairs of versions (valid in both) ordered otherwise. */
  order: [number, number][]
}

interface Fixture {
  request: OracleRequest
  answers: OracleAnswers
  /** By packaging release: where it answers otherwise than `answers`. */
  differences: Record<string, Differences>
}

const withoutRank = (facts: VersionFacts | null): Omit<VersionFacts, 'rank'> | null => {
  if (!facts) return null
  const rest: Partial<VersionFacts> = { ...facts }
  delete rest.rank
  return rest as Omit<VersionFacts, 'rank'>
}

function differences(base: OracleAnswers, other: OracleAnswers): Differences {
  const result: Differences = { versions: {}, specifiers: {}, order: [] }
  base.versions.forEach((facts, i) => {
    const theirs = other.versions[i] ?? null
    if (JSON.stringify(withoutRank(facts)) !== JSON.stringify(withoutRank(theirs)))
      result.versions[i] = theirs
  })
  base.specifiers.forEach((facts, i) => {
    const theirs = other.specifiers[i] ?? null
    if (JSON.stringify(facts) !== JSON.stringify(theirs)) result.specifiers[i] = theirs
  })
  const valid = base.versions.flatMap((f, i) => (f && other.versions[i] ? [i] : []))
  for (const i of valid)
    for (const j of valid) {
      if (j <= i) continue
      const rank = (a: OracleAnswers, k: number) => a.versions[k]?.rank ?? 0
      const ours = Math.sign(rank(base, i) - rank(base, j))
      if (ours !== Math.sign(rank(other, i) - rank(other, j))) result.order.push([i, j])
    }
  return result
}

function loadFixture(): Fixture | undefined {
  if (process.env.UPDATE_PEP440_ORACLE) {
    const oracles = findOracles()
    const current = oracles.find(o => isCurrent(o.packaging))
    if (!current) throw new Error('UPDATE_PEP440_ORACLE needs a python3 with packaging 26 or later')
    const answers = current.ask(REQUEST)
    const fixture: Fixture = { request: REQUEST, answers, differences: {} }
    for (const oracle of oracles.filter(o => o !== current))
      fixture.differences[oracle.packaging] = differences(answers, oracle.ask(REQUEST))
    writeFileSync(FIXTURE, `${JSON.stringify(fixture)}\n`)
  }
  if (!existsSync(FIXTURE)) return undefined
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture
}

const fixture = loadFixture()
const bits = (answers: boolean[]) => answers.map(a => (a ? '1' : '0')).join('')

/** The entries where two lists differ, each named by its input, so a failure shows only those. */
function mismatches(inputs: string[], ours: unknown[], theirs: unknown[]): string[] {
  return inputs.flatMap((input, i) =>
    JSON.stringify(ours[i]) === JSON.stringify(theirs[i])
      ? []
      : [
          `${JSON.stringify(input)}: ours ${JSON.stringify(ours[i])}, packaging ${JSON.stringify(theirs[i])}`
        ]
  )
}

describe('PEP 440 against pypa/packaging: the fixture', () => {
  it('holds the answers to the current cases (else: UPDATE_PEP440_ORACLE=1)', () => {
    expect(fixture?.request).toEqual(REQUEST)
  })
})

describe('PEP 440 versions against pypa/packaging', () => {
  const answers = fixture?.answers.versions ?? []
  const parsed = REQUEST.versions.map(text => Version.parse(text))

  it('agrees on validity and normal form, parts and flags of every version', () => {
    const ours = parsed.map(v =>
      v
        ? {
            str: v.text,
            public: v.public,
            base: v.baseVersion,
            local: v.local ?? null,
            epoch: v.epoch,
            release: v.release,
            pre: v.pre ?? null,
            post: v.post ?? null,
            dev: v.dev ?? null,
            is_prerelease: v.isPrerelease,
            is_postrelease: v.isPostrelease,
            is_devrelease: v.isDevrelease
          }
        : null
    )
    expect(mismatches(REQUEST.versions, ours, answers.map(withoutRank))).toEqual([])
    expect(answers.filter(a => a).length).toBeGreaterThan(400)
    expect(answers.filter(a => !a).length).toBeGreaterThan(25)
  })

  it('orders every pair of valid versions as packaging does', () => {
    const valid = parsed.flatMap((v, i) => (v && answers[i] ? [[v, answers[i].rank] as const] : []))
    const wrong: string[] = []
    for (const [a, rankA] of valid)
      for (const [b, rankB] of valid)
        if (a.compare(b) !== Math.sign(rankA - rankB)) wrong.push(`${a.text} vs ${b.text}`)
    expect(wrong).toEqual([])
    expect(valid.length ** 2).toBeGreaterThan(160_000)
  })
})

describe('PEP 440 specifier sets against pypa/packaging', () => {
  const answers = fixture?.answers.specifiers ?? []
  const sets = REQUEST.specifiers.map(text => SpecifierSet.parse(text))

  it('agrees on validity and str() of every specifier set', () => {
    const ours = sets.map(s => (s ? s.toString() : null))
    expect(
      mismatches(
        REQUEST.specifiers,
        ours,
        answers.map(a => a?.str ?? null)
      )
    ).toEqual([])
  })

  it.each([
    ['none', undefined],
    ['true', true],
    ['false', false]
  ] as const)('agrees on membership of every grid version, prereleases=%s', (mode, prereleases) => {
    const ours = sets.map(s =>
      s ? bits(REQUEST.grid.map(v => s.contains(v, { prereleases }))) : null
    )
    const theirs = answers.map(a => a?.contains[mode] ?? null)
    expect(mismatches(REQUEST.specifiers, ours, theirs)).toEqual([])
  })

  it('agrees on filter() of the grid', () => {
    const ours = sets.map(s => {
      if (!s) return null
      const kept = new Set(s.filter(REQUEST.grid))
      return bits(REQUEST.grid.map(v => kept.has(v)))
    })
    expect(
      mismatches(
        REQUEST.specifiers,
        ours,
        answers.map(a => a?.filter ?? null)
      )
    ).toEqual([])
  })

  it('allows as final releases exactly the final grid versions packaging says it contains', () => {
    const finals = REQUEST.grid.flatMap((text, i) => {
      const v = Version.parse(text)
      return v?.isFinal ? [[i, releaseKey(v.epoch, v.release)] as const] : []
    })
    sets.forEach((set, s) => {
      // `===` compares text, which a set of release keys cannot tell apart (`1.0` and `1.0.0`).
      if (!set || set.specifiers.some(c => c.operator === '===')) return
      const contains = answers[s]?.contains.true ?? ''
      const wrong = finals.filter(([i, key]) => set.allowed.has(key) !== (contains[i] === '1'))
      expect([set.toString(), wrong.map(([i]) => REQUEST.grid[i])]).toEqual([set.toString(), []])
    })
  })
})

describe('the fixture against packaging itself, asked again', () => {
  const oracles = findOracles()
  if (!oracles.length && !process.env.CI)
    console.warn('Skipping the live oracle: no python3 with packaging (CI always runs it)')
  const run = oracles.length || process.env.CI ? it : it.skip

  run('every interpreter found answers as the fixture records for its packaging release', () => {
    expect(oracles.length).toBeGreaterThan(0)
    for (const oracle of oracles) {
      const live = oracle.ask(REQUEST)
      const recorded = fixture?.differences[live.packaging]
      const known = live.packaging === fixture?.answers.packaging || recorded !== undefined
      const found = fixture ? differences(fixture.answers, live) : undefined
      if (known) {
        expect([oracle.python, found]).toEqual([
          oracle.python,
          recorded ?? { versions: {}, specifiers: {}, order: [] }
        ])
      } else {
        // A release the fixture does not know: it must agree wherever the known releases agree.
        const settled = (kind: 'versions' | 'specifiers', i: string) =>
          Object.values(fixture?.differences ?? {}).every(d => !(i in d[kind]))
        expect(Object.keys(found?.versions ?? {}).filter(i => settled('versions', i))).toEqual([])
        expect(Object.keys(found?.specifiers ?? {}).filter(i => settled('specifiers', i))).toEqual(
          []
        )
      }
    }
  })
})
