// The real metadata of ../shared/metadata-corpus (2,070 METADATA/PKG-INFO files, README there): every
// field the packaging core reads, read by the project's code and by pypa/packaging, must agree; and no
// document makes the core throw.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { field, fieldValues, parseCoreMetadata } from '../../src/packaging/core-metadata.js'
import { environmentsFor } from '../../src/packaging/marker-environments.js'
import { readMetadata } from '../../src/packaging/metadata.js'
import { requiresTxtToPep508 } from '../../src/packaging/requires-txt.js'
import { SpecifierSet } from '../../src/packaging/specifiers.js'
import {
  askOracle,
  ENVIRONMENTS,
  findOracles,
  ourAnswer,
  type Answer,
  type Item
} from '../helpers/requirements-oracle.js'
import { changedSince23, type Field } from '../helpers/packaging-versions.js'
import { sharedCorpus } from '../helpers/shared.js'

const found = sharedCorpus('metadata-corpus', 'the metadata-corpus suite')
const present = found !== undefined
const CORPUS = found ?? ''
const oracles = findOracles()
if (!oracles.length) console.warn('skipping the metadata-corpus oracle: no python3 with packaging')
if (process.env['CI'] === 'true')
  it('has the corpus and an oracle under CI', () => {
    expect(present).toBe(true)
    expect(oracles).not.toEqual([])
  })

const documents = present ? readdirSync(CORPUS).filter(f => f !== 'README.md') : []

/** Each document's fields as the core reads them. */
function itemsOf(file: string): Item[] {
  const text = readFileSync(join(CORPUS, file), 'utf8')
  if (file.endsWith('.requires.txt'))
    return requiresTxtToPep508(text).requirements.map(r => ({ kind: 'requirement', text: r }))
  const core = parseCoreMetadata(text)
  const one = (kind: Item['kind'], name: string): Item[] => {
    const value = field(core, name)
    return value === undefined ? [] : [{ kind, text: value }]
  }
  return [
    ...one('name', 'Name'),
    ...one('version', 'Version'),
    ...one('specifier', 'Requires-Python'),
    ...fieldValues(core, 'Requires-Dist').map(text => ({ kind: 'requirement' as const, text })),
    ...fieldValues(core, 'Provides-Extra').map(text => ({ kind: 'name' as const, text }))
  ]
}

const byDocument = new Map(documents.map(file => [file, itemsOf(file)]))
const unique = new Map<string, Item>()
for (const items of byDocument.values())
  for (const item of items) unique.set(`${item.kind}\0${item.text}`, item)
const ITEMS = [...unique.values()]
const ours = new Map<Item, Answer>()
/** The project's answer, computed once per distinct field value. */
const ourAnswerOf = (item: Item): Answer => {
  let answer = ours.get(item)
  if (!answer) ours.set(item, (answer = ourAnswer(item, ENVIRONMENTS)))
  return answer
}

function comparable(answer: Answer, skipped: Set<Field>): Record<string, unknown> {
  if (skipped.has('valid')) return {}
  const kept: Record<string, unknown> = { ...answer }
  if (answer.evaluations)
    kept['evaluations'] = answer.evaluations
      .map(e => (e === 'error' ? 'E' : e ? 'T' : 'F'))
      .join('')
  for (const field of skipped) delete kept[field]
  return kept
}

describe.each(present ? oracles : [])(
  'the metadata corpus as packaging $version reads it',
  oracle => {
    it('agrees on every field of every document: valid or not, normal form, membership, evaluations', () => {
      const theirs = askOracle(oracle, ENVIRONMENTS, ITEMS)
      const answers = new Map(ITEMS.map((item, index) => [item, theirs[index]]))
      const newest = Number(oracle.version.split('.')[0]) >= 26
      const disagreements: unknown[] = []
      for (const [file, items] of byDocument)
        for (const item of items) {
          const key = unique.get(`${item.kind}\0${item.text}`) ?? item
          const answer = ourAnswerOf(key)
          const skipped = new Set<Field>()
          if (!newest) for (const field of changedSince23(key, answer)) skipped.add(field)
          const mine = comparable(answer, skipped)
          const its = comparable(answers.get(key) ?? { valid: false }, skipped)
          if (JSON.stringify(mine) !== JSON.stringify(its))
            disagreements.push({ file, item, ours: mine, packaging: its })
        }
      expect(disagreements.slice(0, 5)).toEqual([])
      expect(documents.length).toBeGreaterThan(2000)
    })
  }
)

describe('the metadata corpus through the core', () => {
  ;(present ? it : it.skip)(
    'ends no document in an error: read, environments enumerated, every marker evaluated',
    () => {
      const failures: string[] = []
      for (const file of documents) {
        if (file.endsWith('.requires.txt')) continue
        try {
          const metadata = readMetadata(readFileSync(join(CORPUS, file), 'utf8'), file)
          const python = metadata.requiresPython?.specifier ?? SpecifierSet.ANY
          const environments = environmentsFor(python, metadata.providesExtra)
          for (const requirement of metadata.requiresDist) requirement.marker?.holdsIn(environments)
        } catch (error) {
          failures.push(`${file}: ${String(error)}`)
        }
      }
      expect(failures).toEqual([])
    }
  )
})
