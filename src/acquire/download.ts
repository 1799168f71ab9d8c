import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { safeFilename } from '../util/safe-filename.js'
import { withoutCredentials } from './credentials.js'
import { bodyProblem, fetchWithRetry, HttpError, type RetryPolicy } from './http.js'

export { safeFilename }

/**
 * Where downloads are kept between runs, keyed by their SHA-256 and file name (the Action uses
 * tool-cache, the CLI a per-user folder). What `find` returns is checked against the hash before use.
 */
export interface ArchiveCache {
  find(sha256: string, filename: string): Promise<string | undefined>
  store(path: string, filename: string, sha256: string): Promise<string>
}

export interface DownloadRequest {
  url: string
  filename: string
  sha256?: string
  /** Checked only when there is no sha256, with a notice: md5 is weak. */
  md5?: string
}

export interface DownloadOptions {
  cache?: ArchiveCache
  retry?: RetryPolicy
  /** fetch through the runner's proxy, when it has one. */
  fetch?: typeof fetch
  /** What a reviewer should see in the run's log (the Action makes it a notice). */
  notice?: (message: string) => void
}

/**
 * Downloads into a new folder under `folder`, named by the index's file name reduced to a safe base
 * name, verifying the SHA-256 the index gave; a file that fails the check is deleted and refused.
 * Served from and stored in the cache when one is given and the hash is known; a cached file whose
 * SHA-256 is not the index's is never used (downloaded again, and the cache's copy replaced).
 */
export async function downloadArchive(
  request: DownloadRequest,
  folder: string,
  options: DownloadOptions = {}
): Promise<string> {
  const { cache } = options
  const shown = withoutCredentials(request.url)
  const cached = request.sha256 && (await cache?.find(request.sha256, request.filename))
  if (cached && request.sha256) {
    const actual = await sha256Of(cached)
    if (actual === request.sha256) return cached
    options.notice?.(
      `the cached ${cached} has sha256 ${actual ?? '(unreadable)'}, not the index's ${request.sha256}: downloaded again`
    )
  }
  // A folder of its own per download: two index entries reduced to one safe name never share a file.
  const target = join(await mkdtemp(join(folder, 'download-')), safeFilename(request.filename))
  const response = await fetchWithRetry(
    request.url,
    { Accept: 'application/octet-stream, */*' },
    options.retry,
    options.fetch
  )
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    const hint = response.status === 404 ? ' (the file is not on the index)' : ''
    throw new HttpError(
      `downloading ${shown} failed: HTTP ${response.status}${hint}`,
      response.status
    )
  }
  const hash = createHash('sha256')
  const md5 = request.sha256 || !request.md5 ? undefined : createHash('md5')
  const expectedLength = Number(response.headers.get('content-length') ?? NaN)
  let received = 0
  try {
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
    body.on('data', (chunk: Buffer) => {
      hash.update(chunk)
      md5?.update(chunk)
      received += chunk.length
    })
    await pipeline(body, createWriteStream(target))
    if (Number.isFinite(expectedLength) && received !== expectedLength) {
      throw new HttpError(
        `downloading ${shown} was cut short: ${received} of ${expectedLength} bytes`
      )
    }
    const actual = hash.digest('hex')
    if (request.sha256 && actual !== request.sha256) {
      throw new HttpError(
        `hash mismatch for ${shown}: the index says sha256 ${request.sha256}, the download has ${actual}; the file was refused`
      )
    }
    if (md5 && request.md5) verifyMd5(shown, request.md5, md5.digest('hex'), options.notice)
  } catch (error) {
    await rm(target, { force: true })
    if (error instanceof HttpError) throw error
    throw new HttpError(
      `downloading ${shown} failed after ${received} bytes: the body ${bodyProblem(error, options.retry)}`
    )
  }
  return request.sha256 && cache ? cache.store(target, basename(target), request.sha256) : target
}

async function sha256Of(path: string): Promise<string | undefined> {
  const hash = createHash('sha256')
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
    return hash.digest('hex')
  } catch {
    return undefined
  }
}

/** The index gave only md5: checked, and said to be weak (a forged file can be made to match it). */
function verifyMd5(
  shown: string,
  expected: string,
  actual: string,
  notice: ((message: string) => void) | undefined
): void {
  if (actual !== expected)
    throw new HttpError(
      `hash mismatch for ${shown}: the index says md5 ${expected}, the download has ${actual}; the file was refused`
    )
  notice?.(
    `${shown}: the index gives only an md5 hash; it matches, but md5 is weak (a forged file can be made to match): ask the index for sha256`
  )
}
