// npm run bench: builds realistic large sdist pairs in a temporary folder and measures, in the same run,
// the bundled CLI against a baseline (tar -xzf of both archives plus diff -r) and diffoscope where
// installed. Prints wall time, peak RSS, lines of output and the ratio to the baseline; writes JSON.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(repo, 'dist', 'cli', 'index.js')
const work = mkdtempSync(join(tmpdir(), 'sdist-diff-bench-'))
const quick = process.argv.includes('--quick')
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

/** Wall time, peak RSS (GNU time's maximum resident set size) and lines of output of one command. */
function measure(label, command, args, { timeoutS = 0 } = {}) {
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
    maxBuffer: 1 << 30
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
    timedOut: run.status === 124
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

function runCli(pair) {
  return measure('sdist-diff (bundled CLI, --format json)', process.execPath, [
    cli,
    pair.previous,
    pair.current,
    '--format',
    'json',
    '--fail-on',
    'none'
  ])
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

function table(title, rows, base) {
  console.log(`\n${title}`)
  console.log('| tool | wall s | × baseline | peak RSS MB | lines of output |')
  console.log('|---|---|---|---|---|')
  for (const r of rows.filter(Boolean)) {
    const ratio = (r.seconds / base.seconds).toFixed(2)
    console.log(
      `| ${r.label}${r.timedOut ? ' (timed out)' : ''} | ${r.seconds.toFixed(2)} | ${ratio} | ${r.peakRssMb} | ${r.lines} |`
    )
  }
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

  const many = manyFilesPair(quick ? 1000 : 5000, 'many')
  execFileSync('sync')
  const manyRows = { baseline: median3(() => baseline(many)), cli: median3(() => runCli(many)) }
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
    [manyRows.baseline, manyRows.cli, manyRows.diffoscope],
    manyRows.baseline
  )
  console.log(
    `CLI report: ${manyRows.cliChecked.modified} modified files, ${manyRows.cliChecked.diffs} with a diff, ${manyRows.cliChecked.added} added, ${manyRows.cliChecked.removed} removed`
  )
  results.pairs.manyFiles = manyRows

  const big = await bigFilePair(quick ? 50 : 300)
  const bigRows = { baseline: median3(() => baseline(big)), cli: median3(() => runCli(big)) }
  table(
    `${quick ? 50 : 300} MB single-file pair`,
    [bigRows.baseline, bigRows.cli],
    bigRows.baseline
  )
  results.pairs.bigFile = bigRows

  const scaling = []
  for (const files of quick ? [250, 500, 1000] : [1250, 2500, 5000, 10000]) {
    const pair = manyFilesPair(files, `scale-${files}`)
    const sizeMb = Number(
      execFileSync('du', ['-sm', join(work, `scale-${files}`, 'b')], { encoding: 'utf8' }).split(
        '\t'
      )[0]
    )
    const row = median3(() => runCli(pair))
    scaling.push({ files, uncompressedMb: sizeMb, seconds: row.seconds, peakRssMb: row.peakRssMb })
    rmSync(join(work, `scale-${files}`), { recursive: true, force: true })
  }
  console.log('\nCLI time against size')
  console.log('| files | MB uncompressed (one side) | wall s | s per 100 MB | peak RSS MB |')
  console.log('|---|---|---|---|---|')
  for (const s of scaling)
    console.log(
      `| ${s.files} | ${s.uncompressedMb} | ${s.seconds.toFixed(2)} | ${((s.seconds / s.uncompressedMb) * 100).toFixed(2)} | ${s.peakRssMb} |`
    )
  results.scaling = scaling

  const out = join(repo, 'bench', quick ? 'results-quick.json' : 'results.json')
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n')
  console.log(`\nJSON written to ${out}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
