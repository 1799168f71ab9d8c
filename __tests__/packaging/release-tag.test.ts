import { describe, expect, it } from '@jest/globals'
import { parseReleaseTag, tagFor, tagOfVersion } from '../../src/packaging/release-tag.js'

describe('release tags', () => {
  it.each([
    ['refs/tags/v1.2.3', { tag: 'v1.2.3', version: '1.2.3' }],
    ['1.2.3', { tag: '1.2.3', version: '1.2.3' }],
    ['V2.0rc1', { tag: 'V2.0rc1', version: '2.0rc1' }],
    ['1.0.0-RC1', { tag: '1.0.0-RC1', version: '1.0.0rc1' }],
    ['demo-1.2', { tag: 'demo-1.2', version: '1.2', name: 'demo' }],
    ['v2.0.0+ubuntu-1', { tag: 'v2.0.0+ubuntu-1', version: '2.0.0+ubuntu.1' }],
    ['1!0.5', { tag: '1!0.5', version: '1!0.5' }],
    [
      'v1.1.dev3+g1a2b3c4.d20240101',
      { tag: 'v1.1.dev3+g1a2b3c4.d20240101', version: '1.1.dev3+g1a2b3c4.d20240101' }
    ],
    ['Demo_Pkg-v1.2', { tag: 'Demo_Pkg-v1.2', version: '1.2', name: 'demo-pkg' }],
    [
      'backend.ai-kernel-helper-24.3.0rc3',
      {
        tag: 'backend.ai-kernel-helper-24.3.0rc3',
        version: '24.3.0rc3',
        name: 'backend-ai-kernel-helper'
      }
    ]
  ])('%s names a version', (ref, expected) => {
    expect(parseReleaseTag(ref)).toEqual(expected)
  })

  it.each(['latest', 'release', 'nightly-build', 'v'])('%s names no version', ref => {
    expect(parseReleaseTag(ref)).toBeUndefined()
  })

  it('finds the tag of a local or epoch version however it is spelled', () => {
    const tags = ['v2.0.0+ubuntu.1', 'v2.0.0', '1!0.5', 'demo-1.0.1+local.build7'].map(t =>
      parseReleaseTag(t)!
    )
    expect(tagOfVersion(tags, 'demo', '2.0.0+ubuntu-1')?.tag).toBe('v2.0.0+ubuntu.1')
    expect(tagOfVersion(tags, 'demo', '2.0')?.tag).toBe('v2.0.0')
    expect(tagOfVersion(tags, 'demo', '1!0.5.0')?.tag).toBe('1!0.5')
    expect(tagOfVersion(tags, 'demo', '1.0.1+LOCAL-build7')?.tag).toBe('demo-1.0.1+local.build7')
    expect(tagOfVersion(tags, 'demo', '0.5')).toBeUndefined()
  })

  it('a bare tag speaks for the only package; in a monorepo only a named tag does', () => {
    const tags = ['v2.0', 'other-v1.0', 'demo-v1.5'].map(t => parseReleaseTag(t)!)
    expect(tagFor(tags, 'Demo', 3)?.tag).toBe('demo-v1.5')
    expect(tagFor(tags, 'third', 3)).toBeUndefined()
    expect(tagFor([parseReleaseTag('v2.0')!], 'third', 1)?.tag).toBe('v2.0')
  })

  it('finds an earlier release’s tag by PEP 440 equality, preferring one that names the package', () => {
    const tags = ['v1.0.0', 'demo-1.0', 'other-1.0', 'v1.1'].map(t => parseReleaseTag(t)!)
    expect(tagOfVersion(tags, 'demo', '1.0')?.tag).toBe('demo-1.0')
    expect(tagOfVersion(tags, 'third', '1.0')?.tag).toBe('v1.0.0')
    expect(tagOfVersion(tags, 'demo', '1.2')).toBeUndefined()
  })
})
