// PEP 440 on real metadata: every Version, Requires-Python and the version specifiers of every
// Requires-Dist of ../shared/metadata-corpus (Debian's python3 packages, see its README), read here and
// by pypa/packaging in one batch, must agree: valid or invalid, normal form, order, membership of a grid
// of versions and Pythons with prereleases unset, true and false, and filter().
//
// The reference is packaging 26 (the image's python3; pip vendors 26 today). Where only Debian's
// packaging 23.0 is at hand, validity and normal forms are compared with it and membership is skipped:
// 23.0 answers membership otherwise by design (pre-releases by default, `>V`/`<V` around post and
// pre-releases, `===` on normalised text, wildcards across epochs; see pep440-oracle.json's record).
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SpecifierSet } from '../../src/packaging/specifiers.js'
import { Version } from '../../src/packaging/version.js'
import { findOracles, isCurrent, type OracleRequest } from '../helpers/pep440-oracle.js'
import { sharedCorpus } from '../helpers/shared.js'
import { GRID } from './pep440-cases.js'

const found = sharedCorpus('metadata-corpus', 'the PEP 440 metadata-corpus suite')
const present = found !== undefined
const CORPUS = found ?? ''

/** Header values of a core-metadata document (continuation lines joined), up to the body. */
function headers(text: string): { name: string; value: string }[] {
  const found: { name: string; value: string }[] = []
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break
    const last = found[found.length - 1]
    if (/^[ \t]/.test(line) && last) last.value += `\n${line}`
    const header = /^([A-Za-z0-9-]+):[ \t]*(.*)$/.exec(line)
    if (header) found.push({ name: (header[1] ?? '').toLowerCase(), value: header[2] ?? '' })
  }
  return found
}

/**
 * The specifier part of a requirement, by a plain split (the PEP 508 parser is not under test here):
 * before any marker, after the name and extras, without the parentheses of the old form; none for a
 * direct reference.
 */
function specifierPart(requirement: string): string | undefined {
  const [head = ''] = requirement.split(';')
  if (head.includes('@')) return undefined
  const rest = head
    .trim()
    .replace(/^[A-Za-z0-9._-]+\s*(\[[^\]]*\])?/, '')
    .trim()
  return /^\(.*\)$/s.test(rest) ? rest.slice(1, -1) : rest
}

/** Every Python that exists and some that do not yet, with pre-releases, for Requires-Python. */
const PYTHONS = [
  '2.6',
  '2.7',
  '2.7.18',
  '3.0',
  ...Array.from({ length: 16 }, (_, minor) => [`3.${minor}.0`, `3.${minor}.5`]).flat(),
  '3.13.0rc1',
  '3.14.0a1',
  '3.8.0b2',
  '4.0',
  '4.0.dev0'
]

function corpusRequest(): OracleRequest & { documents: number } {
  const files = readdirSync(CORPUS).filter(f => /\.(METADATA|PKG-INFO)$/.test(f))
  const versions = new Set<string>()
  const specifiers = new Set<string>()
  for (const file of files) {
    for (const { name, value } of headers(readFileSync(join(CORPUS, file), 'latin1'))) {
      if (name === 'version') versions.add(value)
      if (name === 'requires-python') specifiers.add(value)
      if (name === 'requires-dist') {
        const part = specifierPart(value)
        if (part !== undefined) specifiers.add(part)
      }
    }
  }
  return {
    documents: files.length,
    versions: [...versions],
    specifiers: [...specifiers],
    grid: [...new Set([...GRID, ...PYTHONS])]
  }
}

const bits = (answers: boolean[]) => answers.map(a => (a ? '1' : '0')).join('')

describe('PEP 440 on the real metadata corpus against pypa/packaging', () => {
  const oracles = present ? findOracles() : []
  const run = (present && oracles.length) || process.env.CI ? it : it.skip
  if (present && !oracles.length && !process.env.CI)
    console.warn(
      'Skipping the metadata-corpus suite: no python3 with packaging (CI always runs it)'
    )

  run('agrees on every version, specifier set and membership answer', () => {
    expect(oracles.length).toBeGreaterThan(0)
    const request = corpusRequest()
    expect(request.documents).toBeGreaterThan(2000)
    const versions = request.versions.map(v => Version.parse(v))
    const sets = request.specifiers.map(s => SpecifierSet.parse(s))
    const grid = request.grid.map(v => Version.parse(v) as Version)
    for (const oracle of oracles) {
      // Membership is compared with the reference only: the others are not asked it.
      const answers = oracle.ask(isCurrent(oracle.packaging) ? request : { ...request, grid: [] })
      const wrong: string[] = []
      request.versions.forEach((text, i) => {
        const theirs = answers.versions[i]
        if ((versions[i]?.text ?? null) !== (theirs?.str ?? null))
          wrong.push(`Version ${JSON.stringify(text)}: ${versions[i]?.text} vs ${theirs?.str}`)
      })
      const valid = versions.flatMap((v, i) => (v && answers.versions[i] ? [[v, i] as const] : []))
      for (const [a, i] of valid)
        for (const [b, j] of valid) {
          const expected = Math.sign(
            (answers.versions[i]?.rank ?? 0) - (answers.versions[j]?.rank ?? 0)
          )
          if (a.compare(b) !== expected) wrong.push(`order of ${a.text} and ${b.text}`)
        }
      request.specifiers.forEach((text, s) => {
        const [set, theirs] = [sets[s], answers.specifiers[s]]
        if ((set?.toString() ?? null) !== (theirs?.str ?? null))
          wrong.push(`SpecifierSet ${JSON.stringify(text)}: ${set?.toString()} vs ${theirs?.str}`)
        if (!set || !theirs || !isCurrent(oracle.packaging)) return
        for (const [mode, prereleases] of [
          ['none', undefined],
          ['true', true],
          ['false', false]
        ] as const) {
          const ours = bits(grid.map(v => set.contains(v, { prereleases })))
          if (ours !== theirs.contains[mode]) wrong.push(`${text} contains, prereleases=${mode}`)
        }
        const kept = new Set(set.filter(request.grid))
        if (bits(request.grid.map(v => kept.has(v))) !== theirs.filter) wrong.push(`${text} filter`)
      })
      expect([oracle.packaging, wrong]).toEqual([oracle.packaging, []])
    }
    expect(request.versions.length).toBeGreaterThan(800)
    expect(request.specifiers.length).toBeGreaterThan(500)
  })
})
