// A private index: credentials in index-url, a page that stalls mid-body, a file with only an md5.
import { afterEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startIndexServer, type IndexServer } from '../helpers/index-server.js'
import { runAction } from '../helpers/runner.js'
import { buildSdist, tempDir } from '../helpers/sdist.js'

const release = (version: string) =>
  buildSdist(tempDir(), { version, files: { 'demo/__init__.py': `V = "${version}"\n` } })

let index: IndexServer | undefined
afterEach(async () => {
  await index?.close()
  index = undefined
})

const check = (url: string, env: NodeJS.ProcessEnv = {}) =>
  runAction({ with: { current: release('1.1'), 'index-url': url, 'fail-on': 'none' }, env })

/** Everything the run printed or wrote, but the lines that register secrets. */
const everything = (result: Awaited<ReturnType<typeof check>>) =>
  [result.stdout, result.stderr, result.summary, JSON.stringify(result.report ?? {})]
    .join('\n')
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')

describe('a private index', () => {
  const secret = 's3cr@t-token'
  const header = `Basic ${Buffer.from(`deploy:${secret}`).toString('base64')}`

  it('user:token@ in index-url becomes an Authorization header, masked and never printed', async () => {
    index = await startIndexServer([{ project: 'demo', path: release('1.0') }], 'both', header)
    const url = index.url.replace('http://', `http://deploy:${encodeURIComponent(secret)}@`)
    const result = await check(url)
    expect(result.stdout).not.toContain('::error::')
    expect(result.report.packages[0].previous.version).toBe('1.0')
    expect(index.requests).toEqual(['GET /simple/demo/', 'GET /files/demo/demo-1.0.tar.gz'])
    expect(index.authorizations).toEqual([header, header])
    expect(result.stdout).toContain(`::add-mask::${secret}`)
    // A workflow command escapes % as %25; the runner masks s3cr%40t-token.
    expect(result.stdout).toContain(`::add-mask::${encodeURIComponent(secret).replace('%', '%25')}`)
    expect(result.stdout).toContain(`::add-mask::${header.slice(6)}`)
    expect(result.stdout).toContain(`demo: comparing with demo-1.0.tar.gz from ${index.url}`)
    for (const form of [secret, encodeURIComponent(secret), header.slice(6)])
      expect(everything(result)).not.toContain(form)
  })

  it('wrong credentials: the error names the URL without them', async () => {
    index = await startIndexServer([{ project: 'demo', path: release('1.0') }], 'both', header)
    const result = await check(index.url.replace('http://', 'http://deploy:wrong-token@'))
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      `::error::the index answered HTTP 401 for ${index.url}demo/; check the credentials in index-url`
    )
    expect(everything(result)).not.toContain('wrong-token')
  })
})

describe('a body that stalls names the URL and what was tried', () => {
  it('a project page that stops mid-body', async () => {
    index = await startIndexServer([{ project: 'demo', path: release('1.0') }])
    index.handle('/simple/demo/', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.write('<a href="/files/demo/demo-1.0.tar.gz">demo-1.0.ta') // and no more
    })
    const result = await check(index.url, { SDIST_DIFF_HTTP_TIMEOUT: '0.5' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      `::error::GET ${index.url}demo/: HTTP 200 came, then the body stalled: not complete within 0.5 s of the request (not retried)`
    )
  })

  it('a download that stops mid-body', async () => {
    const previous = release('1.0')
    index = await startIndexServer([{ project: 'demo', path: previous }])
    const bytes = readFileSync(previous)
    index.handle('/files/demo/demo-1.0.tar.gz', (_request, response) => {
      response.writeHead(200, { 'content-length': bytes.length })
      response.write(bytes.subarray(0, 100)) // and no more
    })
    const result = await check(index.url, { SDIST_DIFF_HTTP_TIMEOUT: '0.5' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      `::error::downloading ${index.url.replace('/simple/', '/files/demo/demo-1.0.tar.gz')} failed after 100 bytes: the body stalled: not complete within 0.5 s of the request (not retried)`
    )
  })
})

describe('a file whose only hash is md5', () => {
  const md5Page =
    (path: string, md5: string) => (_request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' })
      response.end(
        JSON.stringify({
          meta: { 'api-version': '1.1' },
          name: 'demo',
          files: [{ filename: 'demo-1.0.tar.gz', url: path, hashes: { md5 } }]
        })
      )
    }

  it('is verified by md5, with a notice that md5 is weak; a mismatch is refused', async () => {
    const previous = release('1.0')
    const md5 = createHash('md5').update(readFileSync(previous)).digest('hex')
    index = await startIndexServer([{ project: 'demo', path: previous }])
    const file = index.url.replace('/simple/', '/files/demo/demo-1.0.tar.gz')
    index.handle('/simple/demo/', md5Page('/files/demo/demo-1.0.tar.gz', md5))
    const matching = await check(index.url)
    expect(matching.stdout).not.toContain('::error::')
    expect(matching.report.packages[0].previous.version).toBe('1.0')
    expect(matching.stdout).toContain(
      `::notice::${file}: the index gives only an md5 hash; it matches, but md5 is weak`
    )
    index.handle('/simple/demo/', md5Page('/files/demo/demo-1.0.tar.gz', '0'.repeat(32)))
    const forged = await check(index.url)
    expect(forged.code).toBe(1)
    expect(forged.stdout).toContain(
      `::error::hash mismatch for ${file}: the index says md5 ${'0'.repeat(32)}, the download has ${md5}; the file was refused`
    )
  })
})
