// Inputs read from a pipe or a device are spooled to the temporary folder up to the archive cap
// (SDIST_DIFF_ARCHIVE_CAP, MiB) and refused past it, naming the input; the folder is left empty.
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SEED_RC2, SEED_RC3, tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'

const refusal = (input: string) =>
  `sdist-diff: ${input}: holds more than 1 MiB; refused at the 1 MiB archive cap (SDIST_DIFF_ARCHIVE_CAP sets it, in MiB)\n`

/** A private TMPDIR and a 1 MiB archive cap. */
function capped(): { env: NodeJS.ProcessEnv; tmp: string } {
  const tmp = tempDir('cli-tmp-')
  return { tmp, env: { ...process.env, TMPDIR: tmp, SDIST_DIFF_ARCHIVE_CAP: '1' } }
}

describe('inputs that are not regular files', () => {
  it('/dev/zero and /dev/urandom are refused at the archive cap', async () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const { env, tmp } = capped()
      const result = await runCli([device, SEED_RC3], env)
      expect(result).toEqual({ code: 2, stdout: '', stderr: refusal(device) })
      expect(readdirSync(tmp)).toEqual([])
    }
  })

  it('a FIFO fed by another process is refused at the cap, and the writer is let go', async () => {
    const { env, tmp } = capped()
    const fifo = join(tempDir(), 'previous.tar.gz')
    execFileSync('mkfifo', [fifo])
    const writer = spawn('bash', ['-c', 'cat /dev/urandom > "$1"', 'bash', fifo])
    const ended = new Promise(resolve => writer.on('close', code => resolve(code)))
    const result = await runCli([fifo, SEED_RC3], env)
    expect(result).toEqual({ code: 2, stdout: '', stderr: refusal(fifo) })
    // The reader closed the FIFO: the writer's cat ends on SIGPIPE (128 + 13) instead of blocking.
    expect(await ended).toBe(141)
    expect(readdirSync(tmp)).toEqual([])
  })

  it('standard input is refused at the cap, and an input under it is read as before', async () => {
    const { env, tmp } = capped()
    const big = Buffer.alloc(1024 ** 2 + 1, 0x1f)
    const refused = await runCli(['-', SEED_RC3], env, undefined, big)
    expect(refused).toEqual({ code: 2, stdout: '', stderr: refusal('standard input') })
    const read = await runCli(
      ['-', SEED_RC3, '--fail-on', 'none'],
      env,
      undefined,
      readFileSync(SEED_RC2)
    )
    expect(read.code).toBe(0)
    expect(read.stdout).toMatch(/^sdist-diff: risk /)
    expect(readdirSync(tmp)).toEqual([])
  })
})
