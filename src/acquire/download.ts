import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { safeFilename } from '../util/safe-filename.js'
import { fetchWithRetry, HttpError, type RetryPolicy } from './http.js'

export { safeFilename }

/** Where downloaded sdists are kept between runs, keyed by their SHA-256 (the Action uses tool-cache). */
export interface SdistCache {
  find(sha256: string): Promise<string | undefined>
  store(path: string, filename: string, sha256: string): Promise<string>
}

export interface DownloadRequest {
  url: string
  filename: string
  sha256?: string
}

/**
 * Downloads into a new folder under `folder`, named by the index's file name reduced to a safe base
 * name, verifying the SHA-256 the index gave; a file that fails the check is deleted and refused.
 * Served from and stored in the cache when one is given and the hash is known.
 */
export async function downloadSdist(
  request: DownloadRequest,
  folder: string,
  options: { cache?: SdistCache; retry?: RetryPolicy } = {}
): Promise<string> {
  const { cache } = options
  const cached = request.sha256 && (await cache?.find(request.sha256))
  if (cached) return cached
  // A folder of its own per download: two index entries reduced to one safe name never share a file.
  const target = join(await mkdtemp(join(folder, 'download-')), safeFilename(request.filename))
  const response = await fetchWithRetry(
    request.url,
    { Accept: 'application/octet-stream, */*' },
    options.retry
  )
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    const hint = response.status === 404 ? ' (the file is not on the index)' : ''
    throw new HttpError(
      `downloading ${request.url} failed: HTTP ${response.status}${hint}`,
      response.status
    )
  }
  const hash = createHash('sha256')
  const expectedLength = Number(response.headers.get('content-length') ?? NaN)
  let received = 0
  try {
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
    body.on('data', (chunk: Buffer) => {
      hash.update(chunk)
      received += chunk.length
    })
    await pipeline(body, createWriteStream(target))
    if (Number.isFinite(expectedLength) && received !== expectedLength) {
      throw new HttpError(
        `downloading ${request.url} was cut short: ${received} of ${expectedLength} bytes`
      )
    }
    const actual = hash.digest('hex')
    if (request.sha256 && actual !== request.sha256) {
      throw new HttpError(
        `hash mismatch for ${request.url}: the index says sha256 ${request.sha256}, the download has ${actual}; the file was refused`
      )
    }
  } catch (error) {
    await rm(target, { force: true })
    if (error instanceof HttpError) throw error
    throw new HttpError(`downloading ${request.url} failed: ${(error as Error).message}`)
  }
  return request.sha256 && cache ? cache.store(target, basename(target), request.sha256) : target
}
