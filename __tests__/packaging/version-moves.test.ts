import { describe, expect, it } from '@jest/globals'
import { SpecifierSet } from '../../src/packaging/specifiers.js'
import { versionMovesText } from '../../src/packaging/version-moves.js'

const moves = (before: string, after: string) =>
  versionMovesText(
    (SpecifierSet.parse(before) ?? SpecifierSet.ANY).allowed,
    (SpecifierSet.parse(after) ?? SpecifierSet.ANY).allowed
  )

describe('versions lost and gained, as a maintainer reads them', () => {
  it.each([
    // Issue 27: every 1.x lost and the cap dropped, not "allowed versions moved".
    [
      '!=1.8,!=1.8.1,<3.0.0,>=1.7.4',
      '>=2.7.0',
      'every 1.x, 2.x <2.7 no longer allowed; 3.0 and later (the cap <3.0 dropped) newly allowed'
    ],
    ['<2.13.0,>=2.12.0', '<2.14.0,>=2.13.0', '2.12.x no longer allowed; 2.13.x newly allowed'],
    ['==1.26.4', '==2.0.0', '1.26.4 no longer allowed; 2.0 newly allowed'],
    ['>=1,<2', '>=2,<4', 'every 1.x no longer allowed; every 2.x–3.x newly allowed'],
    [
      '>=1.5',
      '>=1.0,<2',
      '2.0 and later (a new cap <2.0) no longer allowed; 1.x <1.5 newly allowed'
    ]
  ])('%s → %s', (before, after, text) => {
    expect(moves(before, after)).toBe(text)
  })
})
