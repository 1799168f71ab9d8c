// npm run bench: builds realistic large sdist pairs in a temporary folder and measures, in the same run,
// the bundled CLI against a baseline (tar -xzf of both archives plus diff -r) and diffoscope where
// installed. Prints wall time, peak RSS, lines of output and the ratio to the baseline; writes JSON.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { createHash } from 'node:crypto'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchDependencies } from './dependencies.mjs'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
// SDIST_DIFF_CLI measures another build of the CLI (a branch's, bundled elsewhere) on the same pairs.
const cli = process.env.SDIST_DIFF_CLI ?? join(repo, 'dist', 'cli', 'index.js')
const work = mkdtempSync(join(tmpdir(), 'sdist-diff-bench-'))
const quick = process.argv.includes('--quick')
// --text-only: just the pairs whose text changed everywhere (catalogues, rewritten modules, a release,
// the botocore-shaped pair).
const textOnly = process.argv.includes('--text-only')
// --dependencies: just the dependency review of a lockfile with 60 bumped pins (bench/dependencies.mjs).
const dependenciesOnly = process.argv.includes('--dependencies')
const DIFFOSCOPE_TIMEOUT_S = Number(process.env.DIFFOSCOPE_TIMEOUT_S ?? 600)

/** A deterministic pseudo-random stream, so every run measures the same archives. */
function prng(seed) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const WORDS =
  'self value result config import return class def for in if else None True False data path name items index request response error client session token version package module'.split(
    ' '
  )

function pythonSource(random, bytes) {
  const lines = []
  let size = 0
  while (size < bytes) {
    const indent = '    '.repeat(Math.floor(random() * 3))
    const words = Array.from(
      { length: 3 + Math.floor(random() * 8) },
      () => WORDS[Math.floor(random() * WORDS.length)]
    )
    const line = `${indent}${words.join('_' + Math.floor(random() * 100) + ' = ')}  # ${Math.floor(random() * 1e6)}`
    lines.push(line)
    size += line.length + 1
  }
  return lines.join('\n') + '\n'
}

function pkgInfo(version) {
  return `Metadata-Version: 2.1\nName: bench-pkg\nVersion: ${version}\nRequires-Python: >=3.9\n\n`
}

function pack(tree, root, out) {
  execFileSync('tar', [
    '--create',
    '--format=pax',
    '--sort=name',
    '-I',
    'gzip -6',
    '--file',
    out,
    '-C',
    tree,
    root
  ])
  return out
}

/**
 * A wheel of an install tree, as a build backend writes one: `.dist-info` with METADATA, WHEEL and a
 * RECORD of every file's SHA-256 and size, zipped by zip(1).
 */
function wheelOf(tree, name, version, out) {
  const distInfo = `${name}-${version}.dist-info`
  mkdirSync(join(tree, distInfo), { recursive: true })
  writeFileSync(
    join(tree, distInfo, 'METADATA'),
    `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nRequires-Python: >=3.9\n\n`
  )
  writeFileSync(
    join(tree, distInfo, 'WHEEL'),
    'Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n'
  )
  const files = readdirSync(tree, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(tree, join(entry.parentPath, entry.name)))
    .sort()
  const record = files.map(path => {
    const body = readFileSync(join(tree, path))
    return `${path},sha256=${createHash('sha256').update(body).digest('base64url')},${body.length}`
  })
  writeFileSync(join(tree, distInfo, 'RECORD'), [...record, `${distInfo}/RECORD,,`, ''].join('\n'))
  execFileSync('zip', ['-q', '-r', '-X', out, '.'], { cwd: tree })
  return out
}

/** ~5,000 files and ~60 MB of text; 3 % modified in a few lines, a few added and removed. */
function manyFilesPair(files, label) {
  const base = join(work, label)
  const sides = { a: '1.0', b: '1.1' }
  for (const [side, version] of Object.entries(sides)) {
    const random = prng(42)
    const root = join(base, side, `bench-pkg-${version}`)
    mkdirSync(root, { recursive: true })
    writeFileSync(join(root, 'PKG-INFO'), pkgInfo(version))
    for (let i = 0; i < files; i++) {
      const path = join(root, 'bench_pkg', `sub${i % 50}`, `module_${i}.py`)
      let text = pythonSource(random, 6000 + Math.floor(random() * 12000))
      const changed = i % 33 === 7
      if (side === 'b' && changed)
        text = text.replace(/\n/, '\nCHANGED = True\n').replace(/# \d+\n$/, '# edited\n')
      if (side === 'a' && i % 1000 === 999) continue // added in b
      if (side === 'b' && i % 1000 === 998) continue // removed in b
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, text)
    }
  }
  return {
    previous: pack(join(base, 'a'), 'bench-pkg-1.0', join(base, 'bench-pkg-1.0.tar.gz')),
    current: pack(join(base, 'b'), 'bench-pkg-1.1', join(base, 'bench-pkg-1.1.tar.gz'))
  }
}

/** One 300 MB text file that changed in one place. */
/** Two ~100 MB wheels: one incompressible 96 MB data file (differing in one place) and a module. */
function bigWheelPair(megabytes) {
  const base = join(work, 'bigwheel')
  const out = {}
  for (const [side, version] of [
    ['a', '1.0'],
    ['b', '1.1']
  ]) {
    const root = join(base, side)
    mkdirSync(join(root, 'bench_pkg', 'data'), { recursive: true })
    writeFileSync(join(root, 'bench_pkg', '__init__.py'), `__version__ = "${version}"\n`)
    const random = prng(99)
    const blob = Buffer.alloc(megabytes * 1024 * 1024)
    for (let i = 0; i < blob.length; i += 4) blob.writeUInt32LE((random() * 2 ** 32) >>> 0, i)
    if (side === 'b') blob[blob.length >> 1] ^= 1
    writeFileSync(join(root, 'bench_pkg', 'data', 'model.bin'), blob)
    out[side === 'a' ? 'previous' : 'current'] = wheelOf(
      root,
      'bench_pkg',
      version,
      join(base, `bench_pkg-${version}-py3-none-any.whl`)
    )
  }
  return out
}

function unzipBaseline(pair) {
  const x = join(work, 'x')
  const script = `rm -rf "${x}"; mkdir -p "${x}/a" "${x}/b"; unzip -q "${pair.previous}" -d "${x}/a" && unzip -q "${pair.current}" -d "${x}/b" && diff -r "${x}/a" "${x}/b"; test $? -le 1`
  return measure('baseline unzip ×2 + diff -r', 'bash', ['-c', script])
}

async function bigFilePair(megabytes) {
  const base = join(work, 'big')
  const out = {}
  for (const [side, version] of [
    ['a', '1.0'],
    ['b', '1.1']
  ]) {
    const root = join(base, side, `bench-pkg-${version}`)
    mkdirSync(join(root, 'data'), { recursive: true })
    writeFileSync(join(root, 'PKG-INFO'), pkgInfo(version))
    const random = prng(7)
    const stream = createWriteStream(join(root, 'data', 'big.txt'))
    const chunk = pythonSource(random, 1024 * 1024)
    for (let i = 0; i < megabytes; i++) {
      const text =
        side === 'b' && i === Math.floor(megabytes / 2) ? chunk.replace('self', 'SELF') : chunk
      if (!stream.write(`# block ${i}\n${text}`)) await new Promise(r => stream.once('drain', r))
    }
    await new Promise(r => stream.end(r))
    out[side === 'a' ? 'previous' : 'current'] = pack(
      join(base, side),
      `bench-pkg-${version}`,
      join(base, `bench-pkg-${version}.tar.gz`)
    )
  }
  return out
}

/**
 * A botocore-shaped pair (~5,000 entries, ~13 MB gzipped each): per-service JSON data files; in 29
 * services the service description gains fields in many places, as botocore's data changes between
 * releases.
 */
function botocoreLikePair() {
  const base = join(work, 'botocore')
  const words =
    'Amazon Resource Name operation shape member request response error structure string list map integer boolean timestamp documentation required location header uri method http input output'.split(
      ' '
    )
  const document = (random, shapes, edit) => {
    const out = {}
    for (let i = 0; i < shapes; i++) {
      const members = {}
      const count = 3 + Math.floor(random() * 6)
      for (let j = 0; j < count; j++) {
        const doc = Array.from(
          { length: 8 + Math.floor(random() * 20) },
          () => words[Math.floor(random() * words.length)]
        ).join(' ')
        members[`${words[Math.floor(random() * words.length)]}${j}`] = {
          shape: `Shape${Math.floor(random() * 1000)}`,
          documentation: `<p>${doc}</p>`
        }
      }
      out[`Shape${i}`] = { type: 'structure', required: Object.keys(members).slice(0, 2), members }
      if (edit && edit() < 0.08)
        out[`Shape${i}`].members.newField = { shape: 'String', documentation: '<p>New.</p>' }
    }
    return (
      JSON.stringify(
        { version: '2.0', metadata: { apiVersion: '2024-01-01' }, shapes: out },
        null,
        2
      ) + '\n'
    )
  }
  const extras = [
    'paginators-1.json',
    'waiters-2.json',
    'endpoint-rule-set-1.json',
    'examples-1.json',
    'paginators-1.sdk-extras.json',
    'smoke.json',
    'completions-1.json',
    'service-2.sdk-extras.json',
    'endpoint-tests-1.json',
    'metadata.json',
    'waiters-1.json'
  ]
  const out = {}
  for (const [side, version] of [
    ['a', '1.42.97'],
    ['b', '1.43.0']
  ]) {
    const root = join(base, side, `botocore-${version}`)
    mkdirSync(root, { recursive: true })
    writeFileSync(
      join(root, 'PKG-INFO'),
      `Metadata-Version: 2.1\nName: botocore\nVersion: ${version}\nRequires-Python: >=3.9\n\n`
    )
    const random = prng(11)
    for (let s = 0; s < 400; s++) {
      const dir = join(root, 'botocore', 'data', `service${s}`, '2024-01-01')
      mkdirSync(dir, { recursive: true })
      const edit = side === 'b' && s % 14 === 3 ? prng(1000 + s) : null
      const shapes = 30 + Math.floor(random() * 170)
      const seed = Math.floor(random() * 1e9)
      writeFileSync(join(dir, 'service-2.json'), document(prng(seed), shapes, edit))
      for (const name of extras)
        writeFileSync(
          join(dir, name),
          document(prng(seed + name.length), 3 + Math.floor(random() * 10), null)
        )
    }
    for (let m = 0; m < 150; m++)
      writeFileSync(
        join(root, 'botocore', `module_${m}.py`),
        `# module ${m}\n` + 'def f(x):\n    return x\n'.repeat(200)
      )
    rmSync(join(root, 'PKG-INFO'))
    out[side === 'a' ? 'previousWheel' : 'currentWheel'] = wheelOf(
      root,
      'botocore',
      version,
      join(base, `botocore-${version}-py3-none-any.whl`)
    )
    writeFileSync(
      join(root, 'PKG-INFO'),
      `Metadata-Version: 2.1\nName: botocore\nVersion: ${version}\nRequires-Python: >=3.9\n\n`
    )
    rmSync(join(root, `botocore-${version}.dist-info`), { recursive: true })
    out[side === 'a' ? 'previous' : 'current'] = pack(
      join(base, side),
      `botocore-${version}`,
      join(base, `botocore-${version}.tar.gz`)
    )
  }
  rmSync(join(base, 'a'), { recursive: true, force: true })
  rmSync(join(base, 'b'), { recursive: true, force: true })
  return out
}

/**
 * A pair of trees written by `write(side, root, version)`, as an sdist (tar.gz) and a wheel (zip) each:
 * the wheel holds the same files under `.dist-info` metadata instead of PKG-INFO.
 */
function sdistAndWheelPair(label, name, write) {
  const base = join(work, label)
  const out = {}
  for (const [side, version] of [
    ['a', '1.0'],
    ['b', '1.1']
  ]) {
    const root = join(base, side, `${name}-${version}`)
    mkdirSync(root, { recursive: true })
    write(side, root, version)
    out[side === 'a' ? 'previousWheel' : 'currentWheel'] = wheelOf(
      root,
      name.replace(/-/g, '_'),
      version,
      join(base, `${name.replace(/-/g, '_')}-${version}-py3-none-any.whl`)
    )
    rmSync(join(root, `${name.replace(/-/g, '_')}-${version}.dist-info`), { recursive: true })
    writeFileSync(
      join(root, 'PKG-INFO'),
      `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nRequires-Python: >=3.9\n\n`
    )
    out[side === 'a' ? 'previous' : 'current'] = pack(
      join(base, side),
      `${name}-${version}`,
      join(base, `${name}-${version}.tar.gz`)
    )
  }
  rmSync(join(base, 'a'), { recursive: true, force: true })
  rmSync(join(base, 'b'), { recursive: true, force: true })
  return out
}

/**
 * A gettext catalogue of 1,500 entries (6,000 lines) for `language`; on side b every `#: file:line`
 * reference moved and a fifth of the translations changed, as after a release that re-extracts them.
 */
function catalogue(language, side) {
  const random = prng(language.length * 7919 + language.charCodeAt(0))
  const lines = ['msgid ""', 'msgstr ""', `"Language: ${language}\\n"`, '']
  for (let i = 0; i < 1499; i++) {
    const words = Array.from(
      { length: 4 + Math.floor(random() * 8) },
      () => WORDS[Math.floor(random() * WORDS.length)]
    ).join(' ')
    const line = 10 + i * 4 + Math.floor(random() * 3)
    const retranslate = random() < 0.2
    lines.push(
      `#: bench_pkg/views/module_${i % 80}.py:${side === 'b' ? line + 13 : line}`,
      `msgid "${words} ${i}"`,
      `msgstr "${language}: ${words}${side === 'b' && retranslate ? ' (revu)' : ''} ${i}"`,
      ''
    )
  }
  return lines.join('\n') + '\n'
}

/** 60 catalogues of 6,000 lines changed in every entry, beside a small package. */
function cataloguePair() {
  return sdistAndWheelPair('catalogues', 'bench-i18n', (side, root, version) => {
    mkdirSync(join(root, 'bench_i18n'), { recursive: true })
    writeFileSync(join(root, 'bench_i18n', '__init__.py'), `__version__ = "${version}"\n`)
    for (let l = 0; l < 60; l++) {
      const language = `l${l.toString(36).padStart(2, 'a')}`
      const dir = join(root, 'bench_i18n', 'locale', language, 'LC_MESSAGES')
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, 'django.po'), catalogue(language, side))
    }
  })
}

/** 40 modules of 4,000 lines, each written anew in the second release (a generated or reformatted module). */
function rewrittenPair() {
  return sdistAndWheelPair('rewritten', 'bench-gen', (side, root) => {
    mkdirSync(join(root, 'bench_gen'), { recursive: true })
    for (let m = 0; m < 40; m++) {
      const random = prng(side === 'a' ? 500 + m : 900 + m)
      const lines = []
      for (let i = 0; i < 4000; i++) {
        const roll = random()
        if (roll < 0.15) lines.push('')
        else if (roll < 0.2) lines.push('    return None')
        else lines.push(pythonSource(random, 1).replace(/\n$/, ''))
      }
      writeFileSync(join(root, 'bench_gen', `generated_${m}.py`), lines.join('\n') + '\n')
    }
  })
}

/** A 1,500-file release (Python, data and docs) in which 300 Python files changed in a few places. */
function pythonReleasePair() {
  return sdistAndWheelPair('release', 'bench-app', (side, root) => {
    const random = prng(1500)
    for (let i = 0; i < 1500; i++) {
      const kind = i % 5
      const dir = join(root, 'bench_app', `part${i % 30}`)
      mkdirSync(dir, { recursive: true })
      if (kind === 4) {
        writeFileSync(join(dir, `data_${i}.json`), JSON.stringify({ id: i, items: WORDS }, null, 2))
        continue
      }
      let text = pythonSource(random, 3000 + Math.floor(random() * 9000))
      if (side === 'b' && i % 5 !== 4 && i % 4 === 1)
        text = text
          .replace(/\n/, '\nimport os\n')
          .replace(/ = (\w+)/, ' = $1_changed')
          .replace(/# \d+\n$/, '# edited\n')
      writeFileSync(join(dir, `module_${i}.py`), text)
    }
  })
}

/**
 * The physical floor: Node gunzipping both archives at once (zlib runs on libuv's threads) with the
 * fastest chunk sizes (1 MiB reads, 256 KiB out of zlib), and nothing else.
 */
function gunzipFloor(pair) {
  const script = `import { createReadStream } from 'node:fs'; import { createGunzip } from 'node:zlib'; import { pipeline } from 'node:stream/promises'; import { Writable } from 'node:stream'; await Promise.all(process.argv.slice(1).map(f => pipeline(createReadStream(f, { highWaterMark: 1 << 20 }), createGunzip({ chunkSize: 1 << 18 }), new Writable({ write(c, e, cb) { cb() } }))))`
  return measure('gunzip floor (Node, both archives)', process.execPath, [
    '--input-type=module',
    '-e',
    script,
    pair.previous,
    pair.current
  ])
}

/** The floor for the botocore-shaped pair: Node's zlib.gunzipSync of both archives, one after the other. */
function gunzipSyncFloor(pair) {
  const script = `import { readFileSync } from 'node:fs'; import { gunzipSync } from 'node:zlib'; for (const f of process.argv.slice(1)) gunzipSync(readFileSync(f))`
  return measure('gunzipSync floor (Node, one archive after the other)', process.execPath, [
    '--input-type=module',
    '-e',
    script,
    pair.previous,
    pair.current
  ])
}

/** The release form on the same pair: given files, so nothing is fetched or built. */
function runRelease(pair) {
  return measure('sdist-diff release form (--previous FILE CURRENT)', process.execPath, [
    cli,
    '--previous',
    pair.previous,
    pair.current,
    '--source-check',
    'false',
    '--format',
    'json',
    '--fail-on',
    'none'
  ])
}

/** ../shared/real-sdists: consecutive real releases, one folder per version, oldest first. */
function realPairs() {
  const root = join(repo, '..', 'shared', 'real-sdists')
  if (!existsSync(root)) return []
  return readdirSync(root, { withFileTypes: true })
    .filter(d => d.isDirectory())
    .map(project => {
      const versions = readdirSync(join(root, project.name)).sort()
      const [previous, current] = versions.map(v => {
        const folder = join(root, project.name, v)
        return join(
          folder,
          readdirSync(folder).find(f => f.endsWith('.tar.gz'))
        )
      })
      return { name: project.name, previous, current }
    })
}

/** Wall time, peak RSS (GNU time's maximum resident set size) and lines of output of one command. */
function measure(label, command, args, { timeoutS = 0, env = process.env } = {}) {
  const output = join(work, `${label.replace(/\W+/g, '-')}.out`)
  const timed = [
    '-f',
    '%e %M',
    '-o',
    join(work, 'time.txt'),
    '--',
    ...(timeoutS ? ['timeout', String(timeoutS)] : []),
    command,
    ...args
  ]
  const run = spawnSync('/usr/bin/time', timed, {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
    env
  })
  writeFileSync(output, run.stdout ?? '')
  const [seconds, kilobytes] = execFileSync('tail', ['-n', '1', join(work, 'time.txt')], {
    encoding: 'utf8'
  })
    .trim()
    .split(' ')
    .map(Number)
  const lines = (run.stdout?.toString('utf8').match(/\n/g) ?? []).length
  return {
    label,
    seconds,
    peakRssMb: Math.round(kilobytes / 1024),
    lines,
    status: run.status,
    timedOut: run.status === 124,
    output,
    stderr: run.stderr?.toString('utf8') ?? ''
  }
}

/** The median of three runs, so one disturbed run does not decide a ratio. */
function median3(run) {
  const runs = [run(), run(), run()].sort((a, b) => a.seconds - b.seconds)
  return { ...runs[1], runs: runs.map(r => r.seconds) }
}

function baseline(pair) {
  const x = join(work, 'x')
  const script = `rm -rf "${x}"; mkdir -p "${x}/a" "${x}/b"; tar -xzf "${pair.previous}" -C "${x}/a" && tar -xzf "${pair.current}" -C "${x}/b" && diff -r "${x}"/a/* "${x}"/b/*; test $? -le 1`
  return measure('baseline tar -xzf + diff -r', 'bash', ['-c', script])
}

/** V8's young generation capped at 1 MiB semi-spaces, as README's "Memory" shows users how to set. */
const SMALL_YOUNG_GENERATION = '--max-semi-space-size=1'

function runCli(pair, { smallYoungGeneration = false } = {}) {
  const env = smallYoungGeneration
    ? { ...process.env, NODE_OPTIONS: SMALL_YOUNG_GENERATION }
    : process.env
  const label = smallYoungGeneration
    ? `sdist-diff (bundled CLI, NODE_OPTIONS=${SMALL_YOUNG_GENERATION})`
    : 'sdist-diff (bundled CLI, --format json)'
  return measure(
    label,
    process.execPath,
    [cli, pair.previous, pair.current, '--format', 'json', '--fail-on', 'none'],
    { env }
  )
}

function runDiffoscope(pair) {
  if (!existsSync('/usr/bin/diffoscope')) return undefined
  return measure(
    'diffoscope',
    '/usr/bin/diffoscope',
    ['--no-progress', '--text', '-', pair.previous, pair.current],
    { timeoutS: DIFFOSCOPE_TIMEOUT_S }
  )
}

function table(title, rows, base, floor) {
  console.log(`\n${title}`)
  console.log('| tool | wall s | × gunzip floor | × baseline | peak RSS MB | lines of output |')
  console.log('|---|---|---|---|---|---|')
  for (const r of rows.filter(Boolean)) {
    const ratio = (r.seconds / base.seconds).toFixed(2)
    const overFloor = floor ? (r.seconds / floor.seconds).toFixed(2) : '–'
    console.log(
      `| ${r.label}${r.timedOut ? ' (timed out)' : ''} | ${r.seconds.toFixed(2)} | ${overFloor} | ${ratio} | ${r.peakRssMb} | ${r.lines} |`
    )
  }
}

/** The large-text pairs: name in results, title, generator, and the bound as × baseline. */
const TEXT_PAIRS = [
  [
    'catalogues',
    '60 catalogues of 6,000 lines, every entry moved, a fifth retranslated',
    () => cataloguePair(),
    1.0
  ],
  ['rewritten', '40 modules of 4,000 lines, each rewritten whole', () => rewrittenPair(), 1.0],
  ['pythonRelease', '1,500-file release, 300 Python files changed', () => pythonReleasePair(), 1.5]
]

/** Each large-text pair and its wheels, in the same run as their baselines. */
function measureTextPairs(results) {
  for (const [key, title, make, bound] of TEXT_PAIRS) {
    const pair = make()
    const wheels = { previous: pair.previousWheel, current: pair.currentWheel }
    const rows = {
      floor: median3(() => gunzipFloor(pair)),
      baseline: median3(() => baseline(pair)),
      cli: median3(() => runCli(pair)),
      wheelBaseline: median3(() => unzipBaseline(wheels)),
      wheelCli: median3(() => runCli(wheels)),
      bound
    }
    table(title, [rows.floor, rows.baseline, rows.cli], rows.baseline, rows.floor)
    table(`${title}: wheels`, [rows.wheelBaseline, rows.wheelCli], rows.wheelBaseline)
    results.pairs[key] = rows
    rmSync(join(work, key === 'pythonRelease' ? 'release' : key), { recursive: true, force: true })
  }
}

/** The botocore-shaped pair and its wheels; the bound for it is 2× gunzipSync of both archives. */
function measureBotocore(results) {
  const boto = botocoreLikePair()
  const botoRows = {
    floor: median3(() => gunzipFloor(boto)),
    syncFloor: median3(() => gunzipSyncFloor(boto)),
    baseline: median3(() => baseline(boto)),
    cli: median3(() => runCli(boto)),
    release: median3(() => runRelease(boto)),
    cliSmallYoung: median3(() => runCli(boto, { smallYoungGeneration: true }))
  }
  table(
    'botocore-shaped pair (5,000 entries, 29 JSON data files changed in many places)',
    [
      botoRows.floor,
      botoRows.syncFloor,
      botoRows.baseline,
      botoRows.cli,
      botoRows.release,
      botoRows.cliSmallYoung
    ],
    botoRows.baseline,
    botoRows.floor
  )
  results.pairs.botocoreLike = botoRows

  const botoWheels = { previous: boto.previousWheel, current: boto.currentWheel }
  const wheelRows = {
    baseline: median3(() => unzipBaseline(botoWheels)),
    cli: median3(() => runCli(botoWheels))
  }
  table(
    'botocore-shaped wheel pair (the same trees as wheels)',
    [wheelRows.baseline, wheelRows.cli],
    wheelRows.baseline
  )
  results.pairs.botocoreWheels = wheelRows
  rmSync(join(work, 'botocore'), { recursive: true, force: true })
}

/** Writes docs/performance.md (the tables the README links to) from this run's figures. */
/** The dependency review's rows, without what only the check needed (output paths, logs). */
async function measureDependencies() {
  const rows = await benchDependencies({ work, cli, measure, table })
  const slim = ({ output: _output, stderr: _stderr, ...row }) => row
  return { ...rows, baseline: slim(rows.baseline), cli: slim(rows.cli) }
}

function writePerformanceDoc(r, measured) {
  const f = n => n.toFixed(2)
  const row = (label, m, base, floor) =>
    `| ${label} | ${f(m.seconds)} | ${floor ? f(m.seconds / floor.seconds) : '–'} | ${f(m.seconds / base.seconds)} | ${m.peakRssMb} |`
  const pairTable = (title, p) => [
    `| ${title} | wall s | × gunzip floor | × baseline | peak RSS MB |`,
    '|---|---|---|---|---|',
    row('gunzip floor (Node, both archives)', p.floor, p.baseline, p.floor),
    ...(p.syncFloor
      ? [row('`zlib.gunzipSync` of one archive, then the other', p.syncFloor, p.baseline, p.floor)]
      : []),
    row('baseline `tar -xzf` ×2 + `diff -r`', p.baseline, p.baseline, p.floor),
    row('**sdist-diff CLI, JSON**', p.cli, p.baseline, p.floor),
    ...(p.release
      ? [row('sdist-diff release form (`--previous FILE`)', p.release, p.baseline, p.floor)]
      : []),
    ...(p.cliSmallYoung
      ? [
          row(
            `sdist-diff CLI, \`NODE_OPTIONS=${SMALL_YOUNG_GENERATION}\``,
            p.cliSmallYoung,
            p.baseline,
            p.floor
          )
        ]
      : [])
  ]
  const textRows = TEXT_PAIRS.filter(([key]) => r.pairs[key]).map(([key, title]) => {
    const p = r.pairs[key]
    const ratio = p.cli.seconds / p.baseline.seconds
    const wheelRatio = p.wheelCli.seconds / p.wheelBaseline.seconds
    const met =
      ratio <= p.bound &&
      wheelRatio <= p.bound &&
      Math.max(p.cli.peakRssMb, p.wheelCli.peakRssMb) < 250
    return `| ${title} | ${f(p.baseline.seconds)} | ${f(p.cli.seconds)} | ${f(ratio)} | ${p.cli.peakRssMb} | ${f(p.wheelBaseline.seconds)} | ${f(p.wheelCli.seconds)} | ${f(wheelRatio)} | ${p.wheelCli.peakRssMb} | ≤ ${p.bound.toFixed(1)}×, < 250 MB: ${met ? 'met' : '**not met**'} |`
  })
  const lines = [
    '# Performance',
    '',
    `Written by \`npm run bench\` (${measured}) on ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memoryGb} GiB, Node ${r.machine.node}; medians of three runs. Each ratio is against baselines measured in the same run; the figures are in \`bench/results.json\`.`,
    '',
    ...(textRows.length
      ? [
          '| large-text pair | baseline `tar -xzf` ×2 + `diff -r` s | CLI s | × baseline | peak RSS MB | wheels: `unzip` ×2 + `diff -r` s | CLI s | × baseline | peak RSS MB | target |',
          '|---|---|---|---|---|---|---|---|---|---|',
          ...textRows,
          ''
        ]
      : []),
    ...(r.pairs.botocoreLike ? [] : ['(The other pairs were not measured in this run.)', '']),
    ...(r.pairs.botocoreLike
      ? pairTable(
          'botocore-shaped pair: 5,000 entries, 13 MB gzipped, 29 JSON files changed in many places',
          r.pairs.botocoreLike
        )
      : []),
    ...(r.pairs.botocoreLike?.syncFloor
      ? [
          '',
          `Target: the CLI within 2× \`zlib.gunzipSync\` of both archives: ${f(r.pairs.botocoreLike.cli.seconds / r.pairs.botocoreLike.syncFloor.seconds)}× (${r.pairs.botocoreLike.cli.seconds / r.pairs.botocoreLike.syncFloor.seconds <= 2 && r.pairs.botocoreLike.cli.peakRssMb < 250 ? 'met' : '**not met**'}); peak RSS ${r.pairs.botocoreLike.cli.peakRssMb} MB (< 250 MB).`
        ]
      : []),
    '',
    ...(r.pairs.manyFiles
      ? pairTable('5,000 Python files, 68 MB, 153 changed', r.pairs.manyFiles)
      : []),
    '',
    ...(r.pairs.bigFile ? pairTable('one 300 MB file changed in one place', r.pairs.bigFile) : []),
    '',
    ...(r.pairs.botocoreWheels && r.pairs.bigWheel
      ? [
          '| wheel pair | wall s | × baseline (`unzip` ×2 + `diff -r`) | peak RSS MB |',
          '|---|---|---|---|',
          ...[
            ['botocore-shaped wheels (5,000 entries)', r.pairs.botocoreWheels],
            ['two ~100 MB wheels (a 96 MB data file)', r.pairs.bigWheel]
          ].map(
            ([label, p]) =>
              `| ${label} | ${f(p.cli.seconds)} | ${f(p.cli.seconds / p.baseline.seconds)} | ${p.cli.peakRssMb} |`
          ),
          ''
        ]
      : [])
  ]
  if (r.real && Object.keys(r.real).length) {
    lines.push(
      '| real release pair (`../shared/real-sdists`) | gunzip floor s | CLI s | × floor | × baseline | release form × pair form | peak RSS MB |',
      '|---|---|---|---|---|---|---|',
      ...Object.entries(r.real).map(
        ([name, p]) =>
          `| ${name} | ${f(p.floor.seconds)} | ${f(p.cli.seconds)} | ${f(p.cli.seconds / p.floor.seconds)} | ${f(p.cli.seconds / p.baseline.seconds)} | ${f(p.release.seconds / p.cli.seconds)} | ${p.cli.peakRssMb} |`
      ),
      ''
    )
  }
  if (r.scaling)
    lines.push(
      `| files | MB (one side) | wall s | peak RSS MB | \`NODE_OPTIONS=${SMALL_YOUNG_GENERATION}\`: wall s | peak RSS MB |`,
      '|---|---|---|---|---|---|',
      ...r.scaling.map(
        x =>
          `| ${x.files.toLocaleString('en')} | ${x.uncompressedMb} | ${f(x.seconds)} | ${x.peakRssMb} | ${f(x.smallYoung.seconds)} | ${x.smallYoung.peakRssMb} |`
      )
    )
  if (r.dependencies) {
    const d = r.dependencies
    lines.push(
      '',
      `Dependency review: a \`uv.lock\` with ${d.packages} bumped pins (a grouped update), \`sdist-diff --dependencies\` against a loopback PEP 503 index (${d.progressLines} progress lines in the log), and its baseline: every file fetched with curl, \`tar -xzf\` of both and \`diff -r\`, pair after pair.`,
      '',
      '| | wall s | × baseline | peak RSS MB |',
      '|---|---|---|---|',
      `| baseline: curl ×2 + \`tar -xzf\` ×2 + \`diff -r\`, ${d.packages} pairs | ${f(d.baseline.seconds)} | 1.00 | ${d.baseline.peakRssMb} |`,
      `| **sdist-diff --dependencies** | ${f(d.cli.seconds)} | ${f(d.cli.seconds / d.baseline.seconds)} | ${d.cli.peakRssMb} |`
    )
  }
  writeFileSync(join(repo, 'docs', 'performance.md'), lines.join('\n') + '\n')
}

const results = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version
  },
  pairs: {}
}
try {
  console.log(
    `sdist-diff benchmark on ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGb} GiB, Node ${process.version}`
  )

  if (dependenciesOnly) {
    results.dependencies = await measureDependencies()
    const previous = JSON.parse(readFileSync(join(repo, 'bench', 'results.json'), 'utf8'))
    const merged = { ...previous, machine: results.machine, dependencies: results.dependencies }
    writeFileSync(join(repo, 'bench', 'results.json'), JSON.stringify(merged, null, 2) + '\n')
    writePerformanceDoc(
      merged,
      'the dependency review with `-- --dependencies`, the rest in earlier runs'
    )
    console.log('docs/performance.md regenerated (dependency review)')
    rmSync(work, { recursive: true, force: true })
    process.exit(0)
  }
  measureTextPairs(results)
  if (textOnly) {
    measureBotocore(results)
    const previous = existsSync(join(repo, 'bench', 'results.json'))
      ? JSON.parse(readFileSync(join(repo, 'bench', 'results.json'), 'utf8'))
      : { pairs: {} }
    const merged = {
      ...previous,
      machine: results.machine,
      pairs: { ...previous.pairs, ...results.pairs }
    }
    writeFileSync(join(repo, 'bench', 'results.json'), JSON.stringify(merged, null, 2) + '\n')
    writePerformanceDoc(
      merged,
      'the large-text and botocore-shaped pairs with `-- --text-only`, the rest in an earlier full run'
    )
    console.log('docs/performance.md regenerated (large-text pairs)')
    rmSync(work, { recursive: true, force: true })
    process.exit(0)
  }

  const many = manyFilesPair(quick ? 1000 : 5000, 'many')
  execFileSync('sync')
  const manyRows = {
    floor: median3(() => gunzipFloor(many)),
    baseline: median3(() => baseline(many)),
    cli: median3(() => runCli(many)),
    release: median3(() => runRelease(many))
  }
  const cliReport = JSON.parse(
    execFileSync('cat', [join(work, 'sdist-diff-bundled-CLI-format-json-.out')], {
      encoding: 'utf8',
      maxBuffer: 1 << 30
    })
  )
  manyRows.cliChecked = {
    modified: cliReport.files.modified.length,
    diffs: cliReport.diffs.filter(d => d.patch).length,
    added: cliReport.files.added.length,
    removed: cliReport.files.removed.length
  }
  if (!quick) manyRows.diffoscope = runDiffoscope(many)
  table(
    `${quick ? 1000 : 5000}-file pair`,
    [manyRows.floor, manyRows.baseline, manyRows.cli, manyRows.release, manyRows.diffoscope],
    manyRows.baseline,
    manyRows.floor
  )
  console.log(
    `CLI report: ${manyRows.cliChecked.modified} modified files, ${manyRows.cliChecked.diffs} with a diff, ${manyRows.cliChecked.added} added, ${manyRows.cliChecked.removed} removed`
  )
  results.pairs.manyFiles = manyRows

  measureBotocore(results)

  const bigWheels = bigWheelPair(quick ? 24 : 96)
  const bigWheelRows = {
    baseline: median3(() => unzipBaseline(bigWheels)),
    cli: median3(() => runCli(bigWheels))
  }
  table(
    `${quick ? 24 : 96} MB wheel pair (one incompressible data file)`,
    [bigWheelRows.baseline, bigWheelRows.cli],
    bigWheelRows.baseline
  )
  results.pairs.bigWheel = bigWheelRows
  rmSync(join(work, 'bigwheel'), { recursive: true, force: true })

  results.real = {}
  for (const pair of realPairs()) {
    const rows = {
      floor: median3(() => gunzipFloor(pair)),
      baseline: median3(() => baseline(pair)),
      cli: median3(() => runCli(pair)),
      release: median3(() => runRelease(pair))
    }
    results.real[pair.name] = rows
  }
  if (Object.keys(results.real).length) {
    console.log('\nReal releases (../shared/real-sdists)')
    console.log(
      '| project | gunzip floor s | baseline s | CLI s | × floor | × baseline | release form × pair form | peak RSS MB |'
    )
    console.log('|---|---|---|---|---|---|---|---|')
    for (const [name, r] of Object.entries(results.real))
      console.log(
        `| ${name} | ${r.floor.seconds.toFixed(2)} | ${r.baseline.seconds.toFixed(2)} | ${r.cli.seconds.toFixed(2)} | ${(r.cli.seconds / r.floor.seconds).toFixed(2)} | ${(r.cli.seconds / r.baseline.seconds).toFixed(2)} | ${(r.release.seconds / r.cli.seconds).toFixed(2)} | ${r.cli.peakRssMb} |`
      )
  } else console.log('\n../shared/real-sdists is absent: the real releases were not measured.')

  const big = await bigFilePair(quick ? 50 : 300)
  const bigRows = {
    floor: median3(() => gunzipFloor(big)),
    baseline: median3(() => baseline(big)),
    cli: median3(() => runCli(big))
  }
  table(
    `${quick ? 50 : 300} MB single-file pair`,
    [bigRows.floor, bigRows.baseline, bigRows.cli],
    bigRows.baseline,
    bigRows.floor
  )
  results.pairs.bigFile = bigRows

  const scaling = []
  for (const files of quick ? [250, 500, 1000] : [1250, 2500, 5000, 10000, 20000]) {
    const pair = manyFilesPair(files, `scale-${files}`)
    const sizeMb = Number(
      execFileSync('du', ['-sm', join(work, `scale-${files}`, 'b')], { encoding: 'utf8' }).split(
        '\t'
      )[0]
    )
    const row = median3(() => runCli(pair))
    const small = median3(() => runCli(pair, { smallYoungGeneration: true }))
    scaling.push({
      files,
      uncompressedMb: sizeMb,
      seconds: row.seconds,
      peakRssMb: row.peakRssMb,
      smallYoung: { seconds: small.seconds, peakRssMb: small.peakRssMb }
    })
    rmSync(join(work, `scale-${files}`), { recursive: true, force: true })
  }
  console.log('\nCLI time against size')
  console.log(
    `| files | MB uncompressed (one side) | wall s | s per 100 MB | peak RSS MB | with ${SMALL_YOUNG_GENERATION}: s, peak RSS MB |`
  )
  console.log('|---|---|---|---|---|---|')
  for (const s of scaling)
    console.log(
      `| ${s.files} | ${s.uncompressedMb} | ${s.seconds.toFixed(2)} | ${((s.seconds / s.uncompressedMb) * 100).toFixed(2)} | ${s.peakRssMb} | ${s.smallYoung.seconds.toFixed(2)}, ${s.smallYoung.peakRssMb} |`
    )
  results.scaling = scaling
  results.dependencies = await measureDependencies()

  const out = join(repo, 'bench', quick ? 'results-quick.json' : 'results.json')
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n')
  console.log(`\nJSON written to ${out}`)
  if (!quick) {
    writePerformanceDoc(results, 'a full run')
    console.log('docs/performance.md regenerated')
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
