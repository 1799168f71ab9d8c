import * as core from '@actions/core'
import * as exec from '@actions/exec'
import type { CommandRunner } from '../acquire/build.js'

/** Runs a build through bash with its output folded into a log group. */
export const execRunner: CommandRunner = (command, cwd, title) =>
  core.group(title, async () => {
    core.info(`$ ${command}`)
    const status = await exec.exec('bash', ['-c', command], { cwd, ignoreReturnCode: true })
    if (status !== 0) throw new Error(`${title}: \`${command}\` exited with status ${status}`)
  })
