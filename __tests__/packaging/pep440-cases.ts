// The inputs of the PEP 440 differential suite, generated deterministically (a fixed-seed generator),
// so the oracle's answers can be kept in a fixture.
import type { OracleRequest } from '../helpers/pep440-oracle.js'

function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const pick = <T>(next: () => number, items: readonly T[]): T =>
  items[Math.floor(next() * items.length)] as T

const EPOCHS = ['', '', '', '0!', '1!', '2!', '10!']
const RELEASES = ['0', '1', '1.0', '1.0.0', '1.2', '1.10', '2', '01.2', '1.0.0.0.1', '2024.1.15']
const PRES = ['', '', '', 'a', 'a1', 'b2', 'rc1', 'c1', 'alpha3', 'beta', 'pre1', 'preview2']
const PRE_SEPARATORS = ['', '', '.', '-', '_']
const POSTS = [
  '',
  '',
  '',
  '.post1',
  '-1',
  'post2',
  '.rev3',
  'r4',
  '-post5',
  '_post',
  '.post-1',
  'POST0'
]
const DEVS = ['', '', '', '.dev', 'dev1', '-dev2', '_DEV3', '.dev-4', 'dev0']
const LOCALS = [
  '',
  '',
  '',
  '+local',
  '+ubuntu-1',
  '+ubuntu.1',
  '+abc.007',
  '+1.2',
  '+g1a2b3c4.d20240101',
  '+A_B',
  '+1',
  '+local.build7',
  '+0abc',
  '+abc0'
]

/** Versions as maintainers write them: every part, in normal and other spellings. */
function generatedVersions(): string[] {
  const next = random(440)
  const versions = new Set<string>()
  while (versions.size < 500) {
    const pre = pick(next, PRES)
    const text =
      (next() < 0.1 ? pick(next, ['v', 'V']) : '') +
      pick(next, EPOCHS) +
      pick(next, RELEASES) +
      (pre ? pick(next, PRE_SEPARATORS) + (next() < 0.2 ? pre.toUpperCase() : pre) : '') +
      pick(next, POSTS) +
      pick(next, DEVS) +
      pick(next, LOCALS)
    versions.add(next() < 0.05 ? ` ${text}\n` : text)
  }
  return [...versions]
}

/** From the issue, and edges of the grammar: whitespace, separators, numbers beyond 2^53. */
const NAMED_VERSIONS = [
  '1.1.dev3+g1a2b3c4.d20240101',
  '1.0.1+local.build7',
  '2.0.0+ubuntu.1',
  '1!0.5',
  '1.0+ubuntu-1',
  '1.0-1',
  '1.0.post1',
  '1.0-r1',
  '1.0a',
  '1.0.a.1',
  '1.0-a-1',
  '1.0a1.post2.dev3',
  '1.0rc1.post1',
  '2rc1.post1',
  '1.0.post1.dev1',
  '1.0.dev1',
  '0',
  '00',
  '0.0.0',
  '1.0.0.0.0.0',
  '18446744073709551617.0',
  '1.99999999999999999999',
  '1.0+99999999999999999999',
  '1.0+9007199254740993',
  '1.0+9007199254740992',
  '\t1.0 ',
  '1.0\n',
  '1.0\x1c',
  '1.0\u00a0',
  '1.0\u3000',
  'V1.0',
  'v1!1.0'
]

const INVALID_VERSIONS = [
  '',
  ' ',
  'v',
  '1.',
  '.1',
  '1..2',
  '1.0+',
  '1.0+ubuntu..1',
  '1.0+-a',
  '1.0+a-',
  '1.0a1a1',
  '1.0.post1.post2',
  '1.0.dev1.post1',
  '1!',
  '!1',
  '1!!1',
  '1.0-',
  '1.0 rc1',
  '1.0_',
  'vv1.0',
  'banana',
  '1.0+ü',
  '1.0\u200b',
  '1.0\ufeff',
  '\u0661.\u0660',
  '1.0-1-1',
  '1.0.x',
  '1,0',
  '1.0+a+b',
  '-1',
  '1.0.*',
  '>=1.0',
  // Letters that fold to ASCII ones only under Unicode case-insensitivity (K, s): packaging 23's
  // pattern had no ASCII flag and accepted them.
  '1.0+\u212a',
  '1.0.po\u017ft1',
  '1.0\u212a'
]

/** Generated versions with one character inserted, removed or replaced: mostly invalid. */
function mutatedVersions(versions: string[]): string[] {
  const next = random(625)
  const alphabet = ['.', '-', '_', '+', '!', '*', 'a', 'x', '0', '9', ' ', 'v', 'post', 'dev', 'rc']
  return versions.slice(0, 120).map(text => {
    const at = Math.floor(next() * (text.length + 1))
    const kind = next()
    const insert = kind < 0.7 ? pick(next, alphabet) : ''
    return text.slice(0, at) + insert + text.slice(kind < 0.4 ? at : at + 1)
  })
}

const GENERATED = generatedVersions()
export const VERSIONS = [
  ...new Set([...NAMED_VERSIONS, ...INVALID_VERSIONS, ...GENERATED, ...mutatedVersions(GENERATED)])
]

/** The versions membership is asked of: every kind of version around the specifiers' boundaries. */
export const GRID = [
  '0',
  '0.dev0',
  '0.0.1',
  '0.9',
  '0.9.post1',
  '1.0.dev0',
  '1.0.dev1',
  '1.0a1.dev1',
  '1.0a1',
  '1.0a1.post1',
  '1.0a1+local',
  '1.0a2',
  '1.0b2.dev1',
  '1.0rc1',
  '1.0rc1.post1',
  '1.0',
  '1.0.0',
  '1',
  '1.0+local',
  '1.0+ubuntu.1',
  '1.0+1',
  '1.0.post0.dev0',
  '1.0.post1',
  '1.0.post1+local',
  '1.0.post1.dev1',
  '1.0.post2',
  '1.0.post2.dev3',
  '1.0.0.1',
  '1.0.1',
  '1.0.1rc1',
  '1.0.1+local.build7',
  '1.1.dev0',
  '1.1.dev3+g1a2b3c4.d20240101',
  '1.1a1',
  '1.1',
  '1.1.post1',
  '1.2',
  '1.2.3',
  '1.9.9',
  '1.10',
  '2.0.dev0',
  '2rc1',
  '2.0rc1',
  '2.0rc1.post1',
  '2.0rc2',
  '2',
  '2.0',
  '2.0.0',
  '2.0.0+ubuntu.1',
  '2.0.post1',
  '2.0.1',
  '2.1',
  '3',
  '3.0a1',
  '10.0',
  '0!1.0',
  '1!0.5',
  '1!1.0a1',
  '1!1.0',
  '1!1.0+local',
  '1!2.0',
  '1.0-1',
  '1.0-RC1',
  'V1.0'
]

const SPEC_VERSIONS = [
  '0',
  '0.dev0',
  '1',
  '1.0',
  '1.0.0',
  '1.0a1',
  '1.0rc1',
  '1.0.post1',
  '1.0.dev0',
  '1.0.dev1',
  '1.0rc1.post1',
  '2rc1.post1',
  '1.0.post1.dev2',
  '1.0a1.post1',
  '1.1',
  '1.2',
  '2',
  '2.0',
  '2.0.0',
  '0.9',
  '1!1.0',
  'v1.0',
  'V2',
  '1.0-1',
  '1.0.0-RC1',
  '1.0-post1',
  '1.0.POST1'
]
const OPERATORS = ['==', '!=', '<', '<=', '>', '>=', '~=', '===']
const LOCAL_SPEC_VERSIONS = ['1.0+local', '1.0+ubuntu-1', '1.0.post1+local', '1!1.0+local']
const WILDCARDS = ['1', '1.0', '1.0.0', '2', '0', '1!1', 'v1.0', '1.1']

const SPACES = ['', '', '', ' ', '  ', '\t']

function clause(next: () => number): string {
  const space = pick(next, SPACES)
  const kind = next()
  if (kind < 0.15) return `${pick(next, ['==', '!='])}${space}${pick(next, WILDCARDS)}.*`
  if (kind < 0.22)
    return `${pick(next, ['==', '!=', '===', '<=', '>'])}${space}${pick(next, LOCAL_SPEC_VERSIONS)}`
  return `${pick(next, OPERATORS)}${space}${pick(next, SPEC_VERSIONS)}`
}

function generatedSpecifiers(): string[] {
  const next = random(508)
  const sets = new Set<string>()
  while (sets.size < 450) {
    const count = 1 + Math.floor(next() * 3)
    const clauses = Array.from({ length: count }, () => clause(next))
    sets.add(clauses.join(pick(next, [',', ', ', ' ,'])))
  }
  return [...sets]
}

const NAMED_SPECIFIERS = [
  '',
  ' ',
  ',',
  '<2rc1.post1',
  '===1.0',
  '!=1.0.*',
  '>=1.0,>=1.0.0',
  '>=1.0.0,>=1.0',
  '==1.0, ==1.0.0',
  '>=3.9,<4.0',
  '~=2.2.1',
  '~=1.0rc1',
  '~=1!1.0',
  '~=v1.0',
  '===foo',
  '===',
  '=== 1.0',
  '>=1.0a1,<1.0',
  '<=1.0,>=1.0',
  '>1.0,<1.0.post2',
  '<0.dev0',
  '<0',
  '>=1.0+local',
  '~=1',
  '==1.0a1.*',
  '==1.0.post1.*',
  '>=1.*',
  '~=1.0.*',
  '=1.0',
  '==',
  '1.0',
  '>=1.0;',
  '>=1.0 <2',
  '>=1.0,,<2',
  '>= 1.0 ,',
  '>=1.0)',
  '=== foo bar',
  '==1.0+',
  '>=1.0\u00a0',
  '>=\u00a01.0',
  '~=1.0+local',
  '<1.0+local',
  '!=1.0+local',
  '==1.0+local'
]

export const SPECIFIERS = [...NAMED_SPECIFIERS, ...generatedSpecifiers()]

export const REQUEST: OracleRequest = { versions: VERSIONS, specifiers: SPECIFIERS, grid: GRID }
