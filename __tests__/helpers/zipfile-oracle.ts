// Python's zipfile as the oracle of the wheel reader: one Python process reads a whole batch.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { REPO } from './run-dist.js'

export interface ZipfileRead {
  /** zipfile cannot open the archive: pip installs nothing. */
  error?: string
  infolist?: { name: string; size: number; sha256?: string; error?: string }[]
  /** What pip's wheel installer writes, by install path; `installError` when it stops part-way. */
  installed?: Record<string, { sha256: string; size: number }>
  installError?: string
}

/** The image's python3, or Debian's (CI has both). */
export const PYTHON = ['python3', '/usr/bin/python3'].find(python => {
  try {
    execFileSync(python, ['-c', 'import zipfile'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})

/** What zipfile (and pip's installer on top of it) reads from each file, in order. */
export function zipfileReads(files: string[]): ZipfileRead[] {
  if (!PYTHON) throw new Error('no python3 to run the zipfile oracle')
  const out = execFileSync(PYTHON, [join(REPO, '__tests__', 'helpers', 'zipfile-oracle.py')], {
    input: JSON.stringify(files),
    maxBuffer: 1 << 30
  })
  return JSON.parse(out.toString('utf8')) as ZipfileRead[]
}
