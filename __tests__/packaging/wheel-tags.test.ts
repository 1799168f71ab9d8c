import { describe, expect, it } from '@jest/globals'
import { covers, parseTag, tagsFromFilename, uncovered } from '../../src/packaging/wheel-tags.js'

const wide = (a: string, b: string) => covers(parseTag(a), parseTag(b))

describe('wheel tags: which installs a tag serves (as pip decides)', () => {
  it.each([
    ['py3-none-any', 'cp312-cp312-manylinux_2_17_x86_64', true],
    ['py3-none-any', 'py2-none-any', false],
    ['py2.py3-none-any', 'py3-none-any', false], // a compressed set is expanded before comparing
    ['cp38-abi3-manylinux_2_17_x86_64', 'cp312-cp312-manylinux_2_17_x86_64', true],
    ['cp312-abi3-manylinux_2_17_x86_64', 'cp38-cp38-manylinux_2_17_x86_64', false],
    ['cp312-cp312-manylinux_2_17_x86_64', 'cp312-cp312-manylinux_2_28_x86_64', true],
    ['cp312-cp312-manylinux_2_28_x86_64', 'cp312-cp312-manylinux_2_17_x86_64', false],
    ['cp312-cp312-manylinux2014_x86_64', 'cp312-cp312-manylinux_2_17_x86_64', true],
    ['cp312-cp312-manylinux_2_17_x86_64', 'cp312-cp312-manylinux_2_17_aarch64', false],
    ['cp312-cp312-macosx_10_9_universal2', 'cp312-cp312-macosx_11_0_arm64', true],
    ['cp312-cp312-macosx_11_0_arm64', 'cp312-cp312-macosx_10_9_x86_64', false],
    ['cp312-cp312-win_amd64', 'cp312-cp312-win_amd64', true],
    ['cp312-cp312-win_amd64', 'cp313-cp313-win_amd64', false]
  ])('%s covers %s: %s', (a, b, expected) => {
    expect(wide(a, b)).toBe(expected)
  })

  it('a release loses the installs no tag of it covers any more', () => {
    expect(uncovered(['py3-none-any'], ['cp312-cp312-manylinux_2_17_x86_64'])).toEqual([
      'py3-none-any'
    ])
    expect(uncovered(['cp311-cp311-linux_x86_64'], ['cp311-cp311-linux_x86_64'])).toEqual([])
    expect(
      uncovered(
        ['cp311-cp311-manylinux_2_17_x86_64', 'cp311-cp311-win_amd64'],
        ['cp38-abi3-manylinux_2_17_x86_64']
      )
    ).toEqual(['cp311-cp311-win_amd64'])
  })

  it('reads tags from wheel file names, build tag or not, compressed sets expanded', () => {
    expect(tagsFromFilename('six-1.17.0-py2.py3-none-any.whl')).toEqual([
      'py2-none-any',
      'py3-none-any'
    ])
    expect(tagsFromFilename('demo-1.0-1-cp312-cp312-win_amd64.whl')).toEqual([
      'cp312-cp312-win_amd64'
    ])
    expect(tagsFromFilename('demo-1.0.tar.gz')).toEqual([])
  })
})
