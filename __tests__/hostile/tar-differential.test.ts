import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readArchive } from '../../src/read/read-archive.js'
import { header, member, pad, paxRecords, writeTarGz } from '../helpers/tar-bytes.js'
import { tarfileOracle, unexplained } from '../helpers/tarfile-oracle.js'
import { pkgInfo, tempDir } from '../helpers/sdist.js'

// Generated archives read by the reader and by Python's tarfile as pip's untar_file uses it: every
// entry must agree, or its path (or the archive) be flagged, or both refuse the archive.

const NAMES = [
  'demo-1.0/demo/__init__.py',
  'demo-1.0/a.py',
  'demo-1.0/sub/',
  'demo-1.0/sub',
  'demo-1.0/PKG-INFO',
  '__init__.py',
  'other-1.0/x.py',
  'demo-1.0/../up.py',
  'demo-1.0/long/' + 'n'.repeat(90)
]
const TYPES = ['0', '\0', '1', '2', '3', '4', '5', '6', '7', 'D', 'M', 'S', 'V', 'N', 'A', 'I', 'Z']
const MAGICS = ['ustar\u000000', 'ustar  \0', '\0'.repeat(8), 'ustar\0  ', 'gnutar\0\0']
const SIZE_FIELDS = ['+0000000012\0', ' 0o14\0      ', '0_14\0       ', '00000000014 ', 'zz']
const PAX_KEYS = ['path', 'linkpath', 'size', 'comment', 'mtime', 'GNU.sparse.name', 'uid']
const PAX_VALUES = [
  'demo-1.0/demo/__init__.py',
  'demo-1.0/b.py',
  'demo-1.0/sub/',
  '0',
  '5',
  '12ab',
  ' 7',
  '1_0',
  '600',
  '-1',
  'x'
]

const body = fc.oneof(
  fc.constantFrom('', 'print("a")\n', 'import os\nos.system("sh")\n'),
  fc.nat({ max: 1500 }).map(n => 'z'.repeat(n))
)

const filePiece = fc.record({
  kind: fc.constant('member' as const),
  name: fc.constantFrom(...NAMES),
  type: fc.constantFrom(...TYPES),
  body,
  /** The size field says this many bytes more (or fewer) than the body holds. */
  sizeDelta: fc.oneof(fc.constant(0), fc.integer({ min: -600, max: 600 })),
  sizeField: fc.option(fc.constantFrom(...SIZE_FIELDS), { nil: undefined, freq: 6 }),
  magic: fc.constantFrom(...MAGICS),
  prefix: fc.option(fc.constantFrom('demo-1.0', 'demo-1.0/demo', 'other'), { nil: undefined }),
  linkname: fc.constantFrom('demo-1.0/PKG-INFO', 'PKG-INFO', '../../etc/passwd', ''),
  badChecksum: fc.constantFrom(false, false, false, false, false, false, false, false, false, true)
})

const paxPiece = fc.record({
  kind: fc.constant('pax' as const),
  type: fc.constantFrom('x', 'g', 'X'),
  records: fc.array(fc.tuple(fc.constantFrom(...PAX_KEYS), fc.constantFrom(...PAX_VALUES)), {
    minLength: 1,
    maxLength: 3
  }),
  /** How the records are damaged: lengths off, a record in the padding, a zero length. */
  mangle: fc.constantFrom('none', 'none', 'long', 'short', 'padding', 'zero')
})

const longPiece = fc.record({
  kind: fc.constant('long' as const),
  type: fc.constantFrom('L', 'K'),
  value: fc.constantFrom(...NAMES, ...PAX_VALUES),
  nul: fc.boolean(),
  garbage: fc.boolean()
})

const zeroPiece = fc.constant({ kind: 'zero' as const })

const archive = fc.record({
  pieces: fc.array(fc.oneof(filePiece, filePiece, paxPiece, longPiece, zeroPiece), {
    minLength: 1,
    maxLength: 6
  }),
  ending: fc.constantFrom('end', 'end', 'end', 'one-zero', 'none', 'cut'),
  cut: fc.double({ min: 0.3, max: 1, noNaN: true })
})

type Spec = typeof archive extends fc.Arbitrary<infer T> ? T : never
type Piece = Spec['pieces'][number]

function serialise(piece: Piece): Buffer {
  if (piece.kind === 'zero') return Buffer.alloc(512)
  if (piece.kind === 'long') {
    const value = Buffer.from(piece.value + (piece.nul ? '\0' : ''))
    return Buffer.concat([
      header({ name: '././@LongLink', type: piece.type, size: value.length }),
      pad(value, piece.garbage ? 0x41 : 0)
    ])
  }
  if (piece.kind === 'pax') {
    let records = paxRecords(piece.records)
    let size = records.length
    if (piece.mangle === 'long')
      records = Buffer.from(records.toString().replace(/^\d+/, n => String(Number(n) + 3)))
    if (piece.mangle === 'short')
      records = Buffer.from(records.toString().replace(/^\d+/, n => String(Number(n) - 2)))
    if (piece.mangle === 'zero') records = Buffer.from(records.toString().replace(/^\d+/, '0'))
    // A record after the declared size, in the padding only tarfile reads.
    if (piece.mangle === 'padding')
      records = Buffer.concat([records, paxRecords([['path', 'demo-1.0/padded.py']])])
    else size = records.length
    return Buffer.concat([header({ name: 'PaxHeaders/x', type: piece.type, size }), pad(records)])
  }
  const data = Buffer.from(piece.body)
  const size = Math.max(0, data.length + piece.sizeDelta)
  return Buffer.concat([
    header({
      name: piece.name,
      type: piece.type,
      size,
      ...(piece.sizeField !== undefined && {
        sizeField: Buffer.from(piece.sizeField.padEnd(12, '\0'), 'latin1')
      }),
      magic: piece.magic,
      ...(piece.prefix !== undefined && { prefix: piece.prefix }),
      linkname: piece.linkname,
      badChecksum: piece.badChecksum
    }),
    pad(data)
  ])
}

function build(spec: Spec): Buffer {
  const head = member({ name: 'demo-1.0/PKG-INFO' }, pkgInfo('demo', '1.0'))
  const tar = Buffer.concat([head, ...spec.pieces.map(serialise)])
  switch (spec.ending) {
    case 'end':
      return Buffer.concat([tar, Buffer.alloc(1024)])
    case 'one-zero':
      return Buffer.concat([
        tar,
        Buffer.alloc(512),
        member({ name: 'demo-1.0/after.py' }, 'x'),
        Buffer.alloc(1024)
      ])
    case 'none':
      return tar
    default: {
      const whole = Buffer.concat([tar, Buffer.alloc(1024)])
      return whole.subarray(0, Math.max(head.length, Math.floor(whole.length * spec.cut)))
    }
  }
}

/** A spec in a line: long bodies shortened. */
const brief = (spec: unknown) => JSON.stringify(spec).replace(/z{20,}/g, z => `z×${z.length}`)
/** A finding's reason without its paths, sizes and offsets. */
const kind = (reason: string) => reason.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')

describe("the reader against Python's tarfile on generated archives", () => {
  it('agrees on every entry of 2,000 archives, or flags the difference, or both refuse', async () => {
    const specs = fc.sample(archive, {
      seed: Number(process.env.TAR_DIFFERENTIAL_SEED ?? 23),
      numRuns: 2000
    })
    const dir = tempDir()
    const files = specs.map((spec, i) => writeTarGz(join(dir, `demo-${i}.tar.gz`), build(spec)))
    const oracle = tarfileOracle(files)
    const failures: string[] = []
    const classes = new Set<string>()
    for (const [i, file] of files.entries()) {
      const ours = await readArchive(file).catch((error: Error) => error)
      const left = unexplained(file, ours, oracle[i]!)
      if (left.length > 0)
        failures.push(`${file} ${brief(specs[i])}\n  ${left.join('\n  ')}`.slice(0, 3000))
      if (!(ours instanceof Error)) for (const { reason } of ours.unsafe) classes.add(kind(reason))
    }
    // TAR_DIFFERENTIAL_CLASSES=file lists the kinds of finding the archives raised.
    const out = process.env.TAR_DIFFERENTIAL_CLASSES
    if (out) writeFileSync(out, [...classes].sort().join('\n') + '\n')
    expect(failures.slice(0, 5)).toEqual([])
  }, 300_000)
})
