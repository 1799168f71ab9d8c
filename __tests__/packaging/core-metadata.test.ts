import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { field, fieldValues, parseCoreMetadata } from '../../src/packaging/core-metadata.js'
import { readPackageMetadata } from '../../src/read/package-metadata.js'
import { entryText } from '../../src/read/decode-text.js'
import { readArchive } from '../../src/read/read-archive.js'
import { FIXTURES, buildSdist, tempDir } from '../helpers/sdist.js'

const fixture = (name: string) => readFileSync(join(FIXTURES, 'pkg-info', name), 'utf8')

describe('parseCoreMetadata on real PKG-INFO files of every metadata version', () => {
  it('1.0 (distutils): folded Description field is the description', () => {
    const metadata = parseCoreMetadata(fixture('1.0-distutils.PKG-INFO'))
    expect(field(metadata, 'metadata-version')).toBe('1.0')
    expect(field(metadata, 'NAME')).toBe('Paste')
    expect(metadata.description).toContain(
      'to build web applications.  Each piece of middleware uses the WSGI\n'
    )
    expect(metadata.description).toContain(
      '.. _PEP 333: http://www.python.org/dev/peps/pep-0333.html'
    )
    expect(fieldValues(metadata, 'Classifier')).toHaveLength(4)
    expect(metadata.malformed).toEqual([])
  })

  it('1.1 and 1.2: Requires-Python with spaces', () => {
    expect(field(parseCoreMetadata(fixture('1.1-setuptools.PKG-INFO')), 'Version')).toBe('1.10.0')
    const requests = parseCoreMetadata(fixture('1.2-setuptools.PKG-INFO'))
    expect(field(requests, 'Requires-Python')).toBe(
      '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*'
    )
    expect(requests.description.split('\n')[0]).toBe('Requests: HTTP for Humans™')
  })

  it('2.1: body is the description; multiple-use fields keep their order', () => {
    const metadata = parseCoreMetadata(fixture('2.1-setuptools.PKG-INFO'))
    expect(fieldValues(metadata, 'Requires-Dist')).toEqual([
      'colorama; platform_system == "Windows"',
      'importlib-metadata; python_version < "3.8"'
    ])
    expect(fieldValues(metadata, 'Project-URL')).toHaveLength(2)
    expect(fieldValues(metadata, 'License-File')).toEqual(['LICENSE.rst'])
    expect(metadata.description.trim().split('\n')[0]).toBe('$ click_')
  })

  it('2.2: a continued License field and Dynamic', () => {
    const metadata = parseCoreMetadata(fixture('2.2-setuptools.PKG-INFO'))
    expect(field(metadata, 'License')).toBe(
      'Copyright (c) 2005-2024, NumPy Developers.\n All rights reserved.'
    )
    expect(fieldValues(metadata, 'Dynamic')).toEqual(['license'])
    expect(field(metadata, 'maintainer-email')).toBe(
      'NumPy Developers <numpy-discussion@python.org>'
    )
  })

  it('2.3 and 2.4: extras, License-Expression, CRLF line ends', () => {
    const rich = parseCoreMetadata(fixture('2.3-hatchling.PKG-INFO'))
    expect(fieldValues(rich, 'Provides-Extra')).toEqual(['dev'])
    const attrs = parseCoreMetadata(fixture('2.4-hatchling.PKG-INFO'))
    expect(field(attrs, 'License-Expression')).toBe('MIT')
    expect(fieldValues(attrs, 'Provides-Extra')).toEqual(['tests', 'benchmark'])
    expect(attrs.description).toBe('# attrs\n')
  })

  it('keeps malformed lines aside instead of failing', () => {
    const metadata = parseCoreMetadata(
      'Name: x\nthis line has no colon\n: empty name\nVersion: 1\n\nbody'
    )
    expect(metadata.malformed).toEqual(['this line has no colon', ': empty name'])
    expect(field(metadata, 'Version')).toBe('1')
  })

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), text => {
        const metadata = parseCoreMetadata(text)
        expect(typeof metadata.description).toBe('string')
      }),
      { numRuns: 500 }
    )
  })
})

describe('readPackageMetadata', () => {
  it('reads a Latin-1 PKG-INFO without losing the non-ASCII author', async () => {
    const latin1 = Buffer.from(
      'Metadata-Version: 1.1\nName: demo\nVersion: 1.0\nAuthor: Jos\xe9 M\xfcller\n\n',
      'latin1'
    )
    const sdist = await readArchive(
      buildSdist(tempDir(), { files: { 'PKG-INFO': { content: latin1 } } })
    )
    const metadata = parseCoreMetadata(entryText(sdist.entries.get('PKG-INFO')) ?? '')
    expect(field(metadata, 'Author')).toBe('José Müller')
  })

  it('reads requirements from egg-info/requires.txt when PKG-INFO declares none, with sections as markers', async () => {
    const requires =
      'click>=7\n\n[cli]\nrich\n\n[tests:python_version < "3.8"]\nmock\n\n[:sys_platform == "win32"]\ncolorama\n'
    const sdist = await readArchive(
      buildSdist(tempDir(), {
        files: {
          'src/demo.egg-info/requires.txt': requires,
          'src/demo.egg-info/entry_points.txt': '[console_scripts]\ndemo = demo:main\n'
        }
      })
    )
    const metadata = readPackageMetadata(sdist)
    expect(metadata.requirementsSource).toBe('src/demo.egg-info/requires.txt')
    expect(
      metadata.requirements.map(r => [r.key, String(r.specifier), r.marker?.toString() ?? ''])
    ).toEqual([
      ['click', '>=7', ''],
      ['rich', '', 'extra == "cli"'],
      ['mock', '', 'python_version < "3.8" and extra == "tests"'],
      ['colorama', '', 'sys_platform == "win32"']
    ])
    expect(metadata.extras).toEqual(['cli', 'tests'])
    expect(metadata.entryPoints).toEqual(['console_scripts: demo'])
  })
})
