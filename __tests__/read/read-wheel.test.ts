import { describe, expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_READ_LIMITS, readSdist } from '../../src/read/read-archive.js'
import { readPackageMetadata } from '../../src/read/package-metadata.js'
import {
  buildDistributions,
  withBackendsFor,
  withPython,
  writeWheelProject,
  type Backend
} from '../helpers/python-build.js'
import { tempDir } from '../helpers/sdist.js'

const withBackends = withBackendsFor('the wheel-reading tests')
const withZipfile = withPython(['zipfile'], 'python3-build', 'the crafted-zip tests')

/** Writes a zip with Python's zipfile: each entry a name and text, or a script of its own. */
function craftZip(script: string): string {
  const file = join(tempDir('zip-'), 'demo_whl-1.0-py3-none-any.whl')
  execFileSync('/usr/bin/python3', [
    '-c',
    `import sys, zipfile\npath = sys.argv[1]\n${script}`,
    file
  ])
  return file
}

const MINIMAL_WHEEL = `
z = zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED)
z.writestr('demo_whl-1.0.dist-info/METADATA', 'Metadata-Version: 2.1\\nName: demo-whl\\nVersion: 1.0\\n')
z.writestr('demo_whl-1.0.dist-info/WHEEL', 'Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')
`

describe('reading wheels', () => {
  for (const backend of ['setuptools', 'flit', 'hatchling'] as Backend[]) {
    withBackends(`a wheel built by ${backend} reads whole, RECORD intact`, async () => {
      const { wheel } = buildDistributions(writeWheelProject(tempDir(), backend, '1.0'))
      const read = await readSdist(wheel)
      expect(read.wheel).toMatchObject({
        distInfo: 'demo_whl-1.0.dist-info',
        tags: expect.arrayContaining(['py3-none-any']),
        rootIsPurelib: true,
        recordProblems: []
      })
      expect(read.unsafe).toEqual([])
      expect([...read.entries.keys()]).toEqual(
        expect.arrayContaining([
          'demo_whl/__init__.py',
          'demo_whl/py.typed',
          'demo_whl/data/defaults.json'
        ])
      )
      const metadata = readPackageMetadata(read)
      expect(metadata).toMatchObject({ name: 'demo-whl', version: '1.0' })
    })
  }

  withZipfile('a file changed after the build, or added, contradicts RECORD', async () => {
    // RECORD is written for the files as built; then one file changes and one is slipped in.
    const file = craftZip(`
import hashlib, base64
z = zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED)
built = {
  'demo_whl/__init__.py': b'X = 1\\n',
  'demo_whl-1.0.dist-info/METADATA': b'Metadata-Version: 2.1\\nName: demo-whl\\nVersion: 1.0\\n',
  'demo_whl-1.0.dist-info/WHEEL': b'Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n',
}
def line(name, body):
  digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b'=').decode()
  return f'{name},sha256={digest},{len(body)}\\n'
record = ''.join(line(n, b) for n, b in built.items()) + line('demo_whl/gone.py', b'gone') + 'demo_whl-1.0.dist-info/RECORD,,\\n'
built['demo_whl/__init__.py'] = b'X = 2  # tampered\\n'
built['demo_whl/extra.py'] = b'import os\\n'
for name, body in built.items():
  z.writestr(name, body)
z.writestr('demo_whl-1.0.dist-info/RECORD', record)
z.close()`)
    const read = await readSdist(file)
    expect(read.wheel?.recordProblems).toEqual([
      { path: 'demo_whl/__init__.py', problem: expect.stringContaining('SHA-256 differs') },
      { path: 'demo_whl/extra.py', problem: expect.stringContaining('not listed in RECORD') },
      { path: 'demo_whl/gone.py', problem: expect.stringContaining('not in the wheel') }
    ])
  })

  withZipfile('".." and absolute paths and duplicates are flagged, never placed', async () => {
    const file = craftZip(`${MINIMAL_WHEEL}
import warnings
warnings.simplefilter('ignore')
z.writestr('../evil.pth', 'import os\\n')
z.writestr('/etc/evil.py', 'x\\n')
z.writestr('demo_whl/a.py', '1\\n')
z.writestr('demo_whl/a.py', '2\\n')
z.close()`)
    const read = await readSdist(file)
    expect(read.unsafe).toEqual([
      { path: '../evil.pth', reason: 'path with ".." segment' },
      { path: '/etc/evil.py', reason: 'absolute path' },
      {
        path: 'demo_whl/a.py',
        reason:
          'duplicate entry: extraction would overwrite it (pip installs the copy listed last in the central directory)'
      }
    ])
    expect([...read.entries.keys()].some(path => path.includes('evil'))).toBe(false)
  })

  withZipfile(
    'a zip bomb is refused before it is inflated: size cap, ratio, overlaps',
    async () => {
      const big = craftZip(`${MINIMAL_WHEEL}
z.writestr('demo_whl/zeros.bin', bytes(2 * 1024 * 1024))
z.close()`)
      await expect(
        readSdist(big, { ...DEFAULT_READ_LIMITS, maxUnpackedBytes: 1024 ** 2 })
      ).rejects.toThrow(/expands to more than 1 MiB uncompressed \(a zip bomb\?\)/)

      const ratio = craftZip(`${MINIMAL_WHEEL}
z.writestr('demo_whl/zeros.bin', bytes(100 * 1024 * 1024))
z.close()`)
      await expect(readSdist(ratio)).rejects.toThrow(/zeros\.bin" inflates \d+:1 \(a zip bomb\?\)/)

      // Two central-directory records pointing at the same local data: the overlapping-file bomb.
      const overlap = craftZip(`${MINIMAL_WHEEL}
z.writestr('demo_whl/a.py', 'A' * 1000)
z.writestr('demo_whl/b.py', 'B' * 1000)
z.close()
data = bytearray(open(path, 'rb').read())
import struct
pos = data.find(b'PK\\x01\\x02')
offsets = []
while pos >= 0:
    offsets.append(pos)
    pos = data.find(b'PK\\x01\\x02', pos + 4)
a_offset = struct.unpack_from('<I', data, offsets[-2] + 42)[0]
struct.pack_into('<I', data, offsets[-1] + 42, a_offset)
open(path, 'wb').write(data)`)
      await expect(readSdist(overlap)).rejects.toThrow(/overlap in the archive \(a zip bomb\?\)/)
    }
  )

  withZipfile('a local header that names another file, or damaged data, is refused', async () => {
    // The local header says e.py where the central directory says a.py: extractors would disagree.
    const renamed = craftZip(`${MINIMAL_WHEEL}
z.writestr(zipfile.ZipInfo('demo_whl/a.py'), 'print(1)\\n')
z.close()
data = bytearray(open(path, 'rb').read())
at = data.find(b'demo_whl/a.py')
data[at:at + 13] = b'demo_whl/e.py'
open(path, 'wb').write(data)`)
    await expect(readSdist(renamed)).rejects.toThrow(
      /zip entry "demo_whl\/a\.py": its local header names it "demo_whl\/e\.py"/
    )
    const damaged = craftZip(`${MINIMAL_WHEEL}
z.writestr(zipfile.ZipInfo('demo_whl/a.py'), 'print(1)\\n')
z.close()
data = bytearray(open(path, 'rb').read())
at = data.find(b'print(1)')
data[at] = ord('P')
open(path, 'wb').write(data)`)
    await expect(readSdist(damaged)).rejects.toThrow(/"demo_whl\/a\.py": CRC-32 mismatch/)
  })

  withZipfile(
    'a zip that is not a wheel, and a cut-short one, get errors that say so',
    async () => {
      const notWheel = craftZip(`z = zipfile.ZipFile(path, 'w')
z.writestr('demo/__init__.py', '')
z.close()`)
      await expect(readSdist(notWheel)).rejects.toThrow(
        /no \*\.dist-info\/METADATA: not a wheel \(an sdist is a \.tar\.gz file/
      )
      const wheel = craftZip(`${MINIMAL_WHEEL}\nz.close()`)
      const cut = join(tempDir(), 'cut.whl')
      writeFileSync(cut, execFileSync('head', ['-c', '100', wheel]))
      await expect(readSdist(cut)).rejects.toThrow(/cut\.whl: corrupt zip archive/)
    }
  )
})
