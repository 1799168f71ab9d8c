import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { ASSIGNED, assignments } from '../../src/analysis/extra-secrets.js'

// Pieces of assignments, names and values, joined at random: the windowed search must find exactly
// the matches a global scan of the whole text finds.
const PIECES = [
  'db_password = "',
  "my.token: '",
  'API_KEY=>"',
  '"',
  "'",
  'Xk29fjQ0pL8zR7w2',
  '9f8e7d6c5b4a3210',
  'password',
  'PassWd',
  'secretoken',
  'private_key',
  'authkey',
  'x',
  '_',
  '-',
  '.',
  '=',
  ':',
  ' ',
  '\n',
  'a'.repeat(40),
  'ſecret',
  'ée'
]

const shape = (m: RegExpExecArray) => [m.index, m[0], m[1], m[2], m[3]]

describe('secret assignments', () => {
  it('are the matches a global scan of the whole text finds', () => {
    const global = new RegExp(ASSIGNED.source, 'gi')
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), pieces => {
        const text = pieces.join('')
        expect([...assignments(text)].map(shape)).toEqual([...text.matchAll(global)].map(shape))
      }),
      { numRuns: 3000 }
    )
  })

  it('finds a name far into a long text and one on the next line', () => {
    const text = `${'x = 1\n'.repeat(5000)}aws_api_key =\n  "Zr8uSkO2ldLr2xQ9vB7n"\nauth_token: 'q8Zt2LmX9vRw4KpJ7sNe'`
    expect([...assignments(text)].map(m => [m[1], m[3]])).toEqual([
      ['aws_api_key', 'Zr8uSkO2ldLr2xQ9vB7n'],
      ['auth_token', 'q8Zt2LmX9vRw4KpJ7sNe']
    ])
  })
})
