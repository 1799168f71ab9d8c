// The CLI behaves like a Unix tool: --version, pipes and FIFOs as inputs, build logs on stderr, and an
// --output that never replaces a link, a device or a FIFO.
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import {
  lstatSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { REPO } from '../helpers/run-dist.js'
import { SEED_RC2, SEED_RC3, tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'

const pair = [SEED_RC2, SEED_RC3, '--fail-on', 'none', '--format', 'json']

describe('a Unix-grade CLI', () => {
  it('--version and --help exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'))
    const printed = await runCli(['--version'])
    expect(printed).toEqual({ code: 0, stdout: `sdist-diff ${version}\n`, stderr: '' })
    expect((await runCli(['-h'])).code).toBe(0)
  })

  it('reads an input from standard input (-)', async () => {
    const fromFile = await runCli(pair)
    const fromStdin = await runCli(
      ['-', ...pair.slice(1)],
      process.env,
      REPO,
      readFileSync(SEED_RC2)
    )
    expect(fromStdin.code).toBe(0)
    const [a, b] = [fromFile, fromStdin].map(r => JSON.parse(r.stdout))
    expect(b.findings).toEqual(a.findings)
    expect(b.previous.filename).toBe('stdin.tar.gz')
    const twice = await runCli(['-', '-'])
    expect(twice.stderr).toBe('sdist-diff: standard input (-) can be given only once\n')
    const garbage = await runCli(['-', SEED_RC3], process.env, REPO, Buffer.from('not an sdist'))
    expect(garbage.stderr).toMatch(/^sdist-diff: standard input: is not gzip-compressed/)
  })

  it('reads an input from a FIFO', async () => {
    const fifo = join(tempDir(), 'previous.tar.gz')
    execFileSync('mkfifo', [fifo])
    const writer = spawn('bash', ['-c', 'cat "$1" > "$2"', 'bash', SEED_RC2, fifo])
    const written = new Promise(resolve => writer.on('close', resolve))
    const result = await runCli([fifo, ...pair.slice(1)])
    await written
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).previous.filename).toBe('previous.tar.gz')
  })

  it('sends the build command’s output to stderr, so --format json stays JSON', async () => {
    const result = await runCli([
      '--previous',
      SEED_RC2,
      '--build-command',
      `echo BUILD-LOG-LINE; cp '${SEED_RC3}' {outdir}/`,
      '--format',
      'json',
      '--fail-on',
      'none'
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('BUILD-LOG-LINE')
    expect(JSON.parse(result.stdout).packages).toHaveLength(1)
  })

  it('--output writes through a symlink to its target and leaves the link a link', async () => {
    const dir = tempDir()
    const target = join(dir, 'report.json')
    const link = join(dir, 'latest.json')
    writeFileSync(target, 'old')
    symlinkSync('report.json', link)
    expect((await runCli([...pair, '--output', link])).code).toBe(0)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readlinkSync(link)).toBe('report.json')
    expect(JSON.parse(readFileSync(target, 'utf8')).schemaVersion).toBe(1)
  })

  it('--output writes into a FIFO or a device without replacing it', async () => {
    const fifo = join(tempDir(), 'out.fifo')
    execFileSync('mkfifo', [fifo])
    let received = ''
    const reader = spawn('cat', [fifo])
    reader.stdout.on('data', chunk => (received += chunk))
    const read = new Promise(resolve => reader.on('close', resolve))
    const result = await runCli([...pair, '--output', fifo])
    await read
    expect(result.code).toBe(0)
    expect(JSON.parse(received).schemaVersion).toBe(1)
    expect(statSync(fifo).isFIFO()).toBe(true)
    expect((await runCli([...pair, '--output', '/dev/null'])).code).toBe(0)
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true)
  })

  it('--output into a missing folder is one line naming the folder', async () => {
    const missing = join(tempDir(), 'no', 'such')
    const result = await runCli([...pair, '--output', join(missing, 'r.json')])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(`sdist-diff: --output: folder ${missing} does not exist\n`)
  })
})
