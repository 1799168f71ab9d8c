// Differential test of the wheel reader against Python's zipfile (what pip installs from): thousands of
// wheels written by zipfile, then mutated (end records, central-directory records, local headers, extra
// fields, zip64 records, comments, prefixes, duplicates, truncation), each read by both. Every
// disagreement must be a refusal (ArchiveError) or a finding naming the path; anything else fails.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { crc32 } from 'node:zlib'
import fc from 'fast-check'
import { readArchive } from '../../src/read/read-archive.js'
import { ArchiveError, type Archive } from '../../src/read/types.js'
import { tempDir } from '../helpers/sdist.js'
import { PYTHON, zipfileReads, type ZipfileRead } from '../helpers/zipfile-oracle.js'

const CASES = 2000
const SEED = 20261202

/** The seed wheels: stored, deflated, zip64 local headers, data descriptors, an archive comment. */
const BASES = `
import io, sys, zipfile, hashlib, base64
class Unseekable(io.RawIOBase):
    def __init__(self): self.data = bytearray()
    def writable(self): return True
    def write(self, b): self.data += b; return len(b)
def build(compression, zip64=False, stream=False, comment=b''):
    files = [('demo_whl/', b''), ('demo_whl/__init__.py', b'from .core import run\\n' * 3),
             ('demo_whl/core.py', b'def run():\\n    return 42\\n'),
             ('demo_whl/data.bin', bytes(range(256))),
             ('demo_whl-1.0.dist-info/METADATA', b'Metadata-Version: 2.1\\nName: demo-whl\\nVersion: 1.0\\n'),
             ('demo_whl-1.0.dist-info/WHEEL', b'Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')]
    rows = ''.join(f"{n},sha256={base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode()},{len(b)}\\n"
                   for n, b in files if not n.endswith('/'))
    files.append(('demo_whl-1.0.dist-info/RECORD', (rows + 'demo_whl-1.0.dist-info/RECORD,,\\n').encode()))
    out = Unseekable() if stream else io.BytesIO()
    with zipfile.ZipFile(out, 'w', compression) as z:
        for name, body in files:
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
            info.compress_type = compression
            info.external_attr = (0o40755 if name.endswith('/') else 0o100644) << 16
            with z.open(info, 'w', force_zip64=zip64) as f:
                f.write(body)
        z.comment = comment
    return bytes(out.data) if stream else out.getvalue()
bases = [build(zipfile.ZIP_STORED), build(zipfile.ZIP_DEFLATED), build(zipfile.ZIP_DEFLATED, zip64=True),
         build(zipfile.ZIP_STORED, stream=True), build(zipfile.ZIP_DEFLATED, comment=b'built for the fuzz test')]
for i, data in enumerate(bases):
    open(f'{sys.argv[1]}/base-{i}.whl', 'wb').write(data)
`

interface Layout {
  eocd: number
  cd: { at: number; length: number }[]
  locals: number[]
}

/** Where the structures are, read as the spec says (the mutations aim at them). */
function layout(zip: Buffer): Layout | undefined {
  const eocd = zip.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'))
  if (eocd < 0 || eocd + 22 > zip.length) return undefined
  const cd: Layout['cd'] = []
  const locals: number[] = []
  let at = zip.readUInt32LE(eocd + 16)
  const end = at + zip.readUInt32LE(eocd + 12)
  while (at + 46 <= Math.min(end, zip.length) && zip.readUInt32LE(at) === 0x02014b50) {
    const length =
      46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    cd.push({ at, length })
    const local = zip.readUInt32LE(at + 42)
    if (local + 30 <= zip.length) locals.push(local)
    at += length
  }
  return cd.length ? { eocd, cd, locals } : undefined
}

type Rand = () => number
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T

/** A value for a field: its own neighbours, the limits, a random one. */
function variant(r: Rand, value: number, bits: 8 | 16 | 32): number {
  const max = bits === 32 ? 0xffffffff : bits === 16 ? 0xffff : 0xff
  const v = pick(r, [
    0,
    max,
    value + 1,
    value - 1,
    value + 22,
    value - 46,
    value * 2,
    Math.floor(r() * (max + 1))
  ])
  return ((v % (max + 1)) + max + 1) % (max + 1)
}

function setField(zip: Buffer, at: number, bits: 8 | 16 | 32, r: Rand): void {
  if (at + bits / 8 > zip.length) return
  const read =
    bits === 32 ? zip.readUInt32LE(at) : bits === 16 ? zip.readUInt16LE(at) : (zip[at] as number)
  const value = variant(r, read, bits)
  if (bits === 32) zip.writeUInt32LE(value, at)
  else if (bits === 16) zip.writeUInt16LE(value, at)
  else zip[at] = value
}

const EOCD_FIELDS: [number, 16 | 32][] = [
  [4, 16],
  [6, 16],
  [8, 16],
  [10, 16],
  [12, 32],
  [16, 32],
  [20, 16]
]
const CD_FIELDS: [number, 8 | 16 | 32][] = [
  [6, 8],
  [8, 16],
  [10, 16],
  [16, 32],
  [20, 32],
  [24, 32],
  [28, 16],
  [30, 16],
  [32, 16],
  [38, 32],
  [42, 32]
]
const LOCAL_FIELDS: [number, 16 | 32][] = [
  [6, 16],
  [8, 16],
  [14, 32],
  [18, 32],
  [22, 32],
  [26, 16],
  [28, 16]
]

/** Rebuilds the central directory from its records (changed by `edit`) and a consistent end record. */
function rebuild(
  zip: Buffer,
  l: Layout,
  edit: (records: Buffer[]) => Buffer[],
  keepCounts: boolean
): Buffer {
  const records = edit(l.cd.map(c => Buffer.from(zip.subarray(c.at, c.at + c.length))))
  const start = l.cd[0]?.at ?? 0
  const cd = Buffer.concat(records)
  const end = Buffer.from(zip.subarray(l.eocd, l.eocd + 22))
  end.writeUInt32LE(cd.length, 12)
  if (!keepCounts) {
    end.writeUInt16LE(records.length & 0xffff, 8)
    end.writeUInt16LE(records.length & 0xffff, 10)
  }
  return Buffer.concat([zip.subarray(0, start), cd, end, zip.subarray(l.eocd + 22)])
}

function withExtra(record: Buffer, extra: Buffer): Buffer {
  const nameEnd = 46 + record.readUInt16LE(28)
  const out = Buffer.concat([record.subarray(0, nameEnd), extra, record.subarray(nameEnd)])
  out.writeUInt16LE((record.readUInt16LE(30) + extra.length) & 0xffff, 30)
  return out
}

function field(type: number, data: Buffer, length = data.length): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt16LE(type, 0)
  head.writeUInt16LE(length & 0xffff, 2)
  return Buffer.concat([head, data])
}

const MUTATIONS: ((zip: Buffer, l: Layout, r: Rand, others: Buffer[]) => Buffer)[] = [
  // end-record fields
  (zip, l, r) => {
    const [at, bits] = pick(r, EOCD_FIELDS)
    setField(zip, l.eocd + at, bits, r)
    return zip
  },
  // central-directory fields
  (zip, l, r) => {
    const [at, bits] = pick(r, CD_FIELDS)
    setField(zip, pick(r, l.cd).at + at, bits, r)
    return zip
  },
  // local-header fields
  (zip, l, r) => {
    const [at, bits] = pick(r, LOCAL_FIELDS)
    if (l.locals.length) setField(zip, pick(r, l.locals) + at, bits, r)
    return zip
  },
  // bytes before the zip, perhaps a local header among them
  (zip, _l, r) => {
    const prefix = Buffer.from(
      Array.from({ length: 1 + Math.floor(r() * 48) }, () => Math.floor(r() * 256))
    )
    if (r() < 0.3) Buffer.from('PK\x03\x04', 'latin1').copy(prefix, 0)
    return Buffer.concat([prefix, zip])
  },
  // trailing bytes, counted in the comment or not, perhaps holding an end-record signature
  (zip, l, r) => {
    const tail = Buffer.from(
      Array.from({ length: 1 + Math.floor(r() * 40) }, () =>
        r() < 0.5 ? 0 : Math.floor(r() * 256)
      )
    )
    if (r() < 0.3) Buffer.from('PK\x05\x06', 'latin1').copy(tail, Math.floor(r() * tail.length))
    const out = Buffer.concat([zip, tail])
    if (r() < 0.5) out.writeUInt16LE((out.length - l.eocd - 22) & 0xffff, l.eocd + 20)
    return out
  },
  // a record repeated (a duplicate name), counts kept or fixed
  (zip, l, r) =>
    rebuild(
      zip,
      l,
      records => {
        const copy = pick(r, records)
        const at = Math.floor(r() * (records.length + 1))
        return [...records.slice(0, at), copy, ...records.slice(at)]
      },
      r() < 0.5
    ),
  // two records swapped
  (zip, l, r) =>
    rebuild(
      zip,
      l,
      records => {
        const i = Math.floor(r() * records.length)
        const j = Math.floor(r() * records.length)
        const out = [...records]
        ;[out[i], out[j]] = [out[j] as Buffer, out[i] as Buffer]
        return out
      },
      true
    ),
  // one byte of a name (central, local or both): NUL, separators, dots, non-ASCII
  (zip, l, r) => {
    const record = pick(r, l.cd)
    const length = zip.readUInt16LE(record.at + 28)
    if (!length) return zip
    const offset = Math.floor(r() * length)
    const byte = pick(r, [0, 0x2f, 0x5c, 0x2e, 0xc3, 0xa9, 0x80, 0x41, 0x0a])
    const where = pick(r, ['central', 'local', 'both'])
    if (where !== 'local') zip[record.at + 46 + offset] = byte
    const local = zip.readUInt32LE(record.at + 42)
    if (where !== 'central' && local + 30 + offset < zip.length) zip[local + 30 + offset] = byte
    if (r() < 0.3) zip.writeUInt16LE(zip.readUInt16LE(record.at + 8) ^ 0x800, record.at + 8)
    return zip
  },
  // cut short
  (zip, _l, r) => zip.subarray(0, Math.floor(r() * zip.length)),
  // a zip64 end record and locator, agreeing or not
  (zip, l, r) => {
    const record = Buffer.alloc(56)
    record.writeUInt32LE(0x06064b50, 0)
    record.writeBigUInt64LE(44n, 4)
    const count = BigInt(zip.readUInt16LE(l.eocd + 10))
    record.writeBigUInt64LE(count, 24)
    record.writeBigUInt64LE(count + (r() < 0.2 ? 1n : 0n), 32)
    record.writeBigUInt64LE(BigInt(zip.readUInt32LE(l.eocd + 12)), 40)
    record.writeBigUInt64LE(BigInt(zip.readUInt32LE(l.eocd + 16) + (r() < 0.2 ? 46 : 0)), 48)
    const locator = Buffer.alloc(20)
    locator.writeUInt32LE(0x07064b50, 0)
    locator.writeBigUInt64LE(BigInt(l.eocd + (r() < 0.2 ? 8 : 0)), 8)
    locator.writeUInt32LE(1, 16)
    const end = Buffer.from(zip.subarray(l.eocd))
    if (r() < 0.6) {
      end.writeUInt16LE(0xffff, 8)
      end.writeUInt16LE(0xffff, 10)
      end.writeUInt32LE(0xffffffff, 12)
      end.writeUInt32LE(0xffffffff, 16)
    }
    return Buffer.concat([
      zip.subarray(0, l.eocd),
      r() < 0.15 ? Buffer.alloc(56) : record,
      locator,
      end
    ])
  },
  // an extra field on a central record: zip64, Unicode path, malformed
  (zip, l, r) =>
    rebuild(
      zip,
      l,
      records => {
        const i = Math.floor(r() * records.length)
        const record = records[i] as Buffer
        const name = record.subarray(46, 46 + record.readUInt16LE(28))
        const kind = pick(r, ['zip64', 'unicode', 'bad'])
        let extra: Buffer
        if (kind === 'zip64') {
          const values = Buffer.alloc(8 * Math.floor(r() * 4))
          for (let k = 0; k * 8 < values.length; k++)
            values.writeBigUInt64LE(
              BigInt(
                pick(r, [
                  record.readUInt32LE(24),
                  record.readUInt32LE(20),
                  record.readUInt32LE(42),
                  0,
                  1 << 20
                ])
              ),
              k * 8
            )
          extra = field(1, values)
          if (r() < 0.5) record.writeUInt32LE(0xffffffff, pick(r, [20, 24, 42]))
        } else if (kind === 'unicode') {
          const other = Buffer.from(`${name.toString('latin1').replace(/\.py$/, '')}_evil.py`)
          const head = Buffer.alloc(5)
          head[0] = 1
          head.writeUInt32LE(crc32(name) >>> 0, 1)
          extra = field(0x7075, Buffer.concat([head, other]))
        } else
          extra = field(
            Math.floor(r() * 0xffff),
            Buffer.alloc(Math.floor(r() * 8)),
            Math.floor(r() * 20)
          )
        const out = [...records]
        out[i] = withExtra(record, extra)
        return out
      },
      true
    ),
  // two central directories: the end record's offset points at the first, its size covers the second
  (zip, l, r, others) => {
    const base = pick(r, others)
    const other = layout(base)
    if (!other) return zip
    const firstAt = l.cd[0]?.at ?? 0
    const otherAt = other.cd[0]?.at ?? 0
    const first = zip.subarray(firstAt, l.eocd)
    const second = Buffer.from(base.subarray(otherAt, other.eocd))
    // zipfile adds the first directory's length (concat) to the second's offsets.
    for (const c of other.cd) {
      const at = c.at - otherAt
      const stored = second.readUInt32LE(at + 42) + firstAt - first.length
      second.writeUInt32LE(((stored % 2 ** 32) + 2 ** 32) % 2 ** 32, at + 42)
    }
    const end = Buffer.from(zip.subarray(l.eocd, l.eocd + 22))
    end.writeUInt32LE(firstAt + otherAt, 16)
    end.writeUInt32LE(second.length, 12)
    end.writeUInt16LE(0, 20)
    return Buffer.concat([zip.subarray(0, firstAt), base.subarray(0, otherAt), first, second, end])
  },
  // a flag bit toggled in the directory, the local header or both: encrypted, descriptor, patched, UTF-8
  (zip, l, r) => {
    const bit = pick(r, [0x1, 0x8, 0x20, 0x40, 0x800])
    const record = pick(r, l.cd)
    const where = pick(r, ['central', 'local', 'both'])
    if (where !== 'local') zip.writeUInt16LE(zip.readUInt16LE(record.at + 8) ^ bit, record.at + 8)
    const local = zip.readUInt32LE(record.at + 42)
    if (where !== 'central' && local + 30 <= zip.length)
      zip.writeUInt16LE(zip.readUInt16LE(local + 6) ^ bit, local + 6)
    return zip
  },
  // a random byte anywhere
  (zip, _l, r) => {
    if (zip.length) zip[Math.floor(r() * zip.length)] = Math.floor(r() * 256)
    return zip
  }
]

/**
 * One generated wheel: a seed wheel and up to three mutations, drawn from the case's numbers (those
 * that need no layout once it is broken: prefix, cut, random byte).
 */
function mutate(bases: Buffer[], numbers: number[]): { zip: Buffer; applied: number[] } {
  let i = 0
  const r: Rand = () => (numbers[i++ % numbers.length] as number) / 2 ** 32
  let zip = Buffer.from(pick(r, bases))
  const applied: number[] = []
  const count = 1 + Math.floor(r() * 3)
  for (let k = 0; k < count; k++) {
    const l = layout(zip)
    const kind = l ? Math.floor(r() * MUTATIONS.length) : pick(r, [3, 8, 13])
    applied.push(kind)
    zip = Buffer.from((MUTATIONS[kind] as (typeof MUTATIONS)[number])(zip, l as Layout, r, bases))
  }
  return { zip, applied }
}

type Outcome =
  | 'agree'
  | 'refused, zipfile reads it'
  | 'refused, zipfile fails too'
  | 'read and flagged, zipfile fails'
  | 'differs, flagged'

/** Our files (path → sha256) against what pip installs; the paths on which they differ. */
function differences(ours: Archive, oracle: ZipfileRead): string[] {
  const mine = new Map(
    [...ours.entries.values()]
      .filter(e => e.type === 'file')
      .map(e => [e.path, `${e.sha256}:${e.size}`])
  )
  const theirs = new Map(
    Object.entries(oracle.installed ?? {}).map(([path, f]) => [path, `${f.sha256}:${f.size}`])
  )
  const paths = new Set([...mine.keys(), ...theirs.keys()])
  return [...paths].filter(p => mine.get(p) !== theirs.get(p)).sort()
}

function named(ours: Archive, path: string, file: string): boolean {
  const forward = path.replace(/\\/g, '/')
  return ours.unsafe.some(
    u =>
      u.path === path || u.path === forward || u.path === basename(file) || u.reason.includes(path)
  )
}

describe('the wheel reader against zipfile', () => {
  ;(PYTHON ? it : it.skip)(
    `${CASES} mutated wheels: every disagreement is a refusal or a finding naming the path`,
    async () => {
      const dir = tempDir('zip-fuzz-')
      execFileSync(PYTHON as string, ['-c', BASES, dir])
      const bases = [0, 1, 2, 3, 4].map(i => readFileSync(join(dir, `base-${i}.whl`)))
      const plans = fc.sample(
        fc.array(fc.nat({ max: 2 ** 32 - 1 }), { minLength: 24, maxLength: 24 }),
        {
          seed: SEED,
          numRuns: CASES
        }
      )
      const cases = plans.map((numbers, n) => {
        const { zip, applied } = mutate(bases, numbers)
        const file = join(dir, `case-${n}.whl`)
        writeFileSync(file, zip)
        return { file, applied }
      })
      const oracle = zipfileReads(cases.map(c => c.file))
      const tally = new Map<Outcome, number>()
      const failures: string[] = []
      for (const [n, { file, applied }] of cases.entries()) {
        const theirs = oracle[n] as ZipfileRead
        const zipfileFails = theirs.error ?? theirs.installError
        let outcome: Outcome
        let ours: Archive
        try {
          ours = await readArchive(file)
        } catch (error) {
          if (!(error instanceof ArchiveError)) {
            failures.push(`${file} (mutations ${applied}): crashed: ${(error as Error).stack}`)
            continue
          }
          outcome = zipfileFails ? 'refused, zipfile fails too' : 'refused, zipfile reads it'
          tally.set(outcome, (tally.get(outcome) ?? 0) + 1)
          continue
        }
        if (zipfileFails) {
          if (!ours.unsafe.length)
            failures.push(
              `${file} (mutations ${applied}): read without a finding; zipfile: ${zipfileFails}`
            )
          outcome = 'read and flagged, zipfile fails'
        } else {
          const differ = differences(ours, theirs)
          const unexplained = differ.filter(p => !named(ours, p, file))
          if (unexplained.length)
            failures.push(
              `${file} (mutations ${applied}): ${unexplained.join(', ')} differ from zipfile without a finding`
            )
          outcome = differ.length ? 'differs, flagged' : 'agree'
        }
        tally.set(outcome, (tally.get(outcome) ?? 0) + 1)
      }
      console.log(`zip differential (${CASES} wheels):`, Object.fromEntries(tally))
      expect(failures.slice(0, 10)).toEqual([])
      // The generator reaches every outcome that is not a failure.
      expect(tally.get('agree')).toBeGreaterThan(CASES / 10)
      expect(tally.get('refused, zipfile fails too')).toBeGreaterThan(0)
    },
    120_000
  )
})
