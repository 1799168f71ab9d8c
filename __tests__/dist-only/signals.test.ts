// Temporary folders are removed on every exit: an ordinary run, and one interrupted by SIGINT or
// SIGTERM while it spools a FIFO, which ends with the shell's status for the signal.
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { CLI } from '../helpers/run-dist.js'
import { SEED_RC2, SEED_RC3, tempDir } from '../helpers/sdist.js'

/** Every file under `dir`, with its size. */
function filesUnder(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map(path => join(dir, path))
    .filter(path => statSync(path).isFile())
    .map(path => ({ path, size: statSync(path).size }))
}

describe('the bundled CLI’s temporary folders', () => {
  it('an ordinary run leaves nothing in TMPDIR', () => {
    const tmp = tempDir('cli-tmp-')
    const env = { ...process.env, TMPDIR: tmp }
    execFileSync(process.execPath, [CLI, SEED_RC2, SEED_RC3, '--fail-on', 'none'], { env })
    execFileSync(process.execPath, [CLI, '--version'], { env })
    expect(readdirSync(tmp)).toEqual([])
  })

  it('the run folder goes too when SIGTERM comes during a build (exit status 143)', async () => {
    const tmp = tempDir('cli-tmp-')
    const build = `echo started >&2; sleep 20; cp '${SEED_RC3}' {outdir}/`
    const cli = spawn(
      process.execPath,
      [CLI, '--previous', SEED_RC2, '--build-command', build, '--source-check', 'false'],
      { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'ignore', 'pipe'] }
    )
    // 'exit', not 'close': the orphaned build still holds the standard error it inherited.
    const exited = new Promise<number | null>(resolve => cli.on('exit', code => resolve(code)))
    await new Promise(resolve => cli.stderr.on('data', resolve))
    expect(readdirSync(tmp).some(name => name.startsWith('sdist-diff-run-'))).toBe(true)
    cli.kill('SIGTERM')
    expect(await exited).toBe(143)
    expect(readdirSync(tmp)).toEqual([])
  }, 60_000)

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)(
    'are removed when %s interrupts the spooling of a FIFO (exit status %d)',
    async (signal, status) => {
      const tmp = tempDir('cli-tmp-')
      const fifo = join(tempDir(), 'previous.tar.gz')
      execFileSync('mkfifo', [fifo])
      // 64 KiB now, and the rest never: the CLI is mid-spool when the signal comes.
      const writer = spawn('bash', ['-c', 'head -c 65536 /dev/zero > "$1"; sleep 60', 'bash', fifo])
      const cli = spawn(process.execPath, [CLI, fifo, SEED_RC3], {
        env: { ...process.env, TMPDIR: tmp }
      })
      let closed = false
      const exited = new Promise<number | null>(resolve =>
        cli.on('close', code => {
          closed = true
          resolve(code)
        })
      )
      while (!closed && !filesUnder(tmp).some(file => file.size === 65536)) await sleep(5)
      // Once the writer's 64 KiB are in, the input ends soon after: a poll that misses the window
      // finds the run over, and says so instead of waiting for the timeout.
      expect({ signalledMidSpool: !closed }).toEqual({ signalledMidSpool: true })
      cli.kill(signal)
      expect(await exited).toBe(status)
      writer.kill()
      expect(readdirSync(tmp)).toEqual([])
      expect(existsSync(fifo)).toBe(true)
    },
    60_000
  )
})
