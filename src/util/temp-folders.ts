import { mkdtempSync, rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { constants, tmpdir } from 'node:os'
import { join } from 'node:path'

/** Folders made by makeTempFolder and not yet removed. */
const live = new Set<string>()

/**
 * A new folder under the system's temporary directory (TMPDIR), for removeTempFolder to remove; what is
 * still there when the process ends is removed then (see removeTempFoldersAtExit).
 */
export async function makeTempFolder(prefix: string): Promise<string> {
  // Made and registered in one step: a signal handled between an async mkdtemp and the registration
  // would leave the folder behind.
  const folder = mkdtempSync(join(tmpdir(), prefix))
  live.add(folder)
  return folder
}

export async function removeTempFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true })
  live.delete(folder)
}

function removeLeftFolders(): void {
  for (const folder of live) rmSync(folder, { recursive: true, force: true })
  live.clear()
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/**
 * For the shells (the CLI, the Action): temporary folders are removed on every exit, also when the run
 * is interrupted (Ctrl-C, a cancelled job's SIGINT and SIGTERM), where Node would otherwise end the
 * process without running a single `finally`. The exit status is the shell's for the signal (130, 143).
 */
export function removeTempFoldersAtExit(): void {
  process.on('exit', removeLeftFolders)
  for (const signal of SIGNALS)
    process.once(signal, () => {
      removeLeftFolders()
      process.exit(128 + constants.signals[signal])
    })
}
