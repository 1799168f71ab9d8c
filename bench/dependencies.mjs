// The dependency-review benchmark: a lockfile whose 60 pins all moved (a grouped update), judged by
// `sdist-diff --dependencies` against a loopback PEP 503 index (Python's http.server over a static
// simple/ tree), measured against downloading every file with curl, `tar -xzf` of both and `diff -r`,
// pair after pair, in the same run.
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, Socket } from 'node:net'
import { join } from 'node:path'

const PACKAGES = 60

function freePort() {
  return new Promise(resolve => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function module(seed, lines) {
  const body = []
  for (let i = 0; i < lines; i++)
    body.push(`def f_${seed}_${i}(value):\n    return value * ${(seed * 31 + i) % 97} + ${i}\n`)
  return body.join('\n')
}

/** One sdist of `name` at `version`: 20 modules, a fifth of them edited from one version to the next. */
function sdist(root, name, version, edited) {
  const dir = join(root, 'build', `${name}-${version}`)
  const pkg = join(dir, name.replace(/-/g, '_'))
  mkdirSync(pkg, { recursive: true })
  writeFileSync(
    join(dir, 'PKG-INFO'),
    `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nRequires-Python: >=3.9\nRequires-Dist: requests>=2\n\n`
  )
  for (let m = 0; m < 20; m++)
    writeFileSync(join(pkg, `m${m}.py`), module(m + (edited && m % 5 === 0 ? 1000 : 0), 200))
  const out = join(root, 'files', `${name}-${version}.tar.gz`)
  execFileSync('tar', [
    '--create',
    '--sort=name',
    '-z',
    '-f',
    out,
    '-C',
    join(root, 'build'),
    `${name}-${version}`
  ])
  return out
}

function git(dir, ...args) {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'b',
      GIT_AUTHOR_EMAIL: 'b@example.com',
      GIT_COMMITTER_NAME: 'b',
      GIT_COMMITTER_EMAIL: 'b@example.com'
    }
  }).trim()
}

/** A uv.lock as uv 0.5 writes it, one `[[package]]` per pin with its sdist's URL and hash. */
function uvLock(pins, url) {
  const blocks = pins.map(
    ({ name, version, sha256 }) => `[[package]]
name = "${name}"
version = "${version}"
source = { registry = "${url}" }
sdist = { url = "${url.replace(/simple\/$/, '')}files/${name}-${version}.tar.gz", hash = "sha256:${sha256}", size = 1 }
`
  )
  return `version = 1\nrequires-python = ">=3.9"\n\n${blocks.join('\n')}`
}

/** Builds the 60 pairs, the index and the repository; returns what the measurements need. */
export async function dependencyScenario(work) {
  const root = join(work, 'dependencies')
  mkdirSync(join(root, 'files'), { recursive: true })
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/simple/`
  const pins = { before: [], after: [] }
  for (let i = 0; i < PACKAGES; i++) {
    const name = `bench-dep-${i}`
    mkdirSync(join(root, 'simple', name), { recursive: true })
    const links = []
    for (const [side, version, edited] of [
      ['before', '1.0.0', false],
      ['after', '1.1.0', true]
    ]) {
      const file = sdist(root, name, version, edited)
      const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex')
      pins[side].push({ name, version, sha256 })
      links.push(
        `<a href="../../files/${name}-${version}.tar.gz#sha256=${sha256}">${name}-${version}.tar.gz</a>`
      )
    }
    writeFileSync(
      join(root, 'simple', name, 'index.html'),
      `<!DOCTYPE html><html><body>\n${links.join('\n')}\n</body></html>\n`
    )
  }
  const repo = join(root, 'repo')
  mkdirSync(repo)
  git(repo, 'init', '-q', '-b', 'main')
  writeFileSync(join(repo, 'uv.lock'), uvLock(pins.before, url))
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'base')
  const base = git(repo, 'rev-parse', 'HEAD')
  writeFileSync(join(repo, 'uv.lock'), uvLock(pins.after, url))
  const server = spawn(
    'python3',
    ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root],
    {
      stdio: 'ignore'
    }
  )
  await waitForPort(port)
  const baselineScript = join(root, 'baseline.sh')
  writeFileSync(
    baselineScript,
    [
      'set -e',
      `cd ${root}`,
      'rm -rf pairs && mkdir pairs && cd pairs',
      `for i in $(seq 0 ${PACKAGES - 1}); do`,
      '  for v in 1.0.0 1.1.0; do',
      `    curl -sf -o bench-dep-$i-$v.tar.gz http://127.0.0.1:${port}/files/bench-dep-$i-$v.tar.gz`,
      '    mkdir -p $v && tar -xzf bench-dep-$i-$v.tar.gz -C $v',
      '  done',
      '  diff -r 1.0.0/bench-dep-$i-1.0.0 1.1.0/bench-dep-$i-1.1.0 > /dev/null || true',
      'done'
    ].join('\n') + '\n'
  )
  return {
    packages: PACKAGES,
    repo,
    base,
    url,
    baselineScript,
    stop: () => server.kill()
  }
}

async function waitForPort(port) {
  for (let i = 0; i < 200; i++) {
    const open = await new Promise(resolve => {
      const socket = new Socket()
      socket.once('connect', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
      socket.connect(port, '127.0.0.1')
    })
    if (open) return
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`the loopback index on port ${port} did not start`)
}

/**
 * Measures the review of the 60 bumped pins (its progress lines counted) and the baseline, with the
 * bench's own `measure` (wall time and peak RSS under /usr/bin/time) and prints them with its `table`.
 */
export async function benchDependencies({ work, cli, measure, table }) {
  const scenario = await dependencyScenario(work)
  try {
    const baseline = measure('curl + tar -xzf ×2 + diff -r, 60 pairs', 'bash', [
      scenario.baselineScript
    ])
    const review = measure('sdist-diff --dependencies', process.execPath, [
      cli,
      '--dependencies',
      scenario.base,
      '--working-directory',
      scenario.repo,
      '--index-url',
      scenario.url,
      '--format',
      'json',
      '--fail-on',
      'none'
    ])
    const report = JSON.parse(readFileSync(review.output, 'utf8'))
    const judged = report.packages.length
    if (
      review.status !== 0 ||
      report.dependencies.length !== scenario.packages ||
      judged !== scenario.packages
    )
      throw new Error(
        `the dependency review judged ${judged} of ${scenario.packages} pins (exit ${review.status}): ${review.stderr.slice(-2000)}`
      )
    const progress = (review.stderr.match(/^\[\d+\/\d+\] /gm) ?? []).length
    table(
      `Dependency review: ${scenario.packages} bumped pins in uv.lock (loopback index)`,
      [baseline, review],
      baseline
    )
    console.log(`progress lines in the log: ${progress} of ${scenario.packages}`)
    return { baseline, cli: review, progressLines: progress, packages: scenario.packages }
  } finally {
    scenario.stop()
  }
}
