import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { safeFilename } from '../util/safe-filename.js'

/** An input that is read once, from a stream, and stands in a temporary file for the rest of the run. */
export interface Spooled {
  /** As the user gave it: `-`, `/dev/fd/63`, a FIFO's path. */
  given: string
  file: string
}

/**
 * `-` (standard input), FIFOs and process substitutions (`<(…)`) can be read once and not seeked, while
 * an sdist is read more than once; each is copied into `folder` first, up to `maxBytes` (the archive
 * cap: `/dev/zero` would fill the disk). Regular files are used in place.
 */
export async function spoolInputs(
  paths: string[],
  folder: string,
  stdin: Readable,
  maxBytes: number
): Promise<{ paths: string[]; spooled: Spooled[] }> {
  if (paths.filter(p => p === '-').length > 1)
    throw new Error('standard input (-) can be given only once')
  const spooled: Spooled[] = []
  const result: string[] = []
  for (const [index, given] of paths.entries()) {
    const info = given === '-' ? undefined : await stat(given).catch(() => undefined)
    if (info && (info.isFile() || info.isDirectory())) {
      result.push(given)
      continue
    }
    if (given !== '-' && !info) {
      result.push(given)
      continue
    }
    const name = given === '-' ? 'stdin.tar.gz' : safeFilename(basename(given), 'input')
    const file = join(folder, String(index), name)
    await mkdir(join(folder, String(index)))
    const source = given === '-' ? stdin : createReadStream(given)
    await pipeline(source, byteCap(given, maxBytes), createWriteStream(file, { flags: 'wx' }))
    spooled.push({ given, file })
    result.push(file)
  }
  return { paths: result, spooled }
}

/** Fails the copy at the first byte past `maxBytes`, naming the input and the cap. */
function byteCap(given: string, maxBytes: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length
      if (seen <= maxBytes) return callback(null, chunk)
      const input = given === '-' ? 'standard input' : given
      const mib = maxBytes / 1024 ** 2
      callback(
        new Error(
          `${input}: holds more than ${mib} MiB; refused at the ${mib} MiB archive cap (SDIST_DIFF_ARCHIVE_CAP sets it, in MiB)`
        )
      )
    }
  })
}

/** Error messages name what the user gave, not the temporary copy. */
export function unspool(message: string, spooled: Spooled[]): string {
  return spooled.reduce(
    (text, { given, file }) => text.split(file).join(given === '-' ? 'standard input' : given),
    message
  )
}
