// The CLI's download cache: files from the index kept by SHA-256 in a per-user folder, verified each
// time they are reused. A loopback index counts the downloads; sdists are real tar.gz archives.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, join } from 'node:path'
import { startIndexServer, type IndexServer } from '../helpers/index-server.js'
import { buildSdist, tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'
import { cacheFolder } from '../../src/cli/cache.js'

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

let server: IndexServer
let old: string
let now: string
beforeAll(async () => {
  const release = (version: string, body: string) =>
    buildSdist(tempDir(), { name: 'demo', version, files: { 'demo/__init__.py': body } })
  old = release('1.0', 'x = 1\n')
  now = release('1.1', 'x = 2\n')
  server = await startIndexServer([
    { project: 'demo', path: old },
    { project: 'demo', path: now }
  ])
})
afterAll(() => server?.close())

/** The test environment without SDIST_DIFF_NO_CACHE (the setup file sets it for every other test). */
function withCache(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra }
  delete env.SDIST_DIFF_NO_CACHE
  if (!extra.SDIST_DIFF_CACHE_DIR) delete env.SDIST_DIFF_CACHE_DIR
  return env
}

/** Runs `sdist-diff demo==1.0 demo==1.1` and returns the report and the files it downloaded. */
async function compare(env: NodeJS.ProcessEnv, ...options: string[]) {
  const before = server.requests.length
  const result = await runCli(
    ['demo==1.0', 'demo==1.1', '--index-url', server.url, '--format', 'json', ...options],
    env
  )
  const downloads = server.requests.slice(before).filter(r => r.startsWith('GET /files/'))
  return { ...result, downloads }
}

describe('the download cache', () => {
  it('serves a second run from the cache, and replaces a corrupt entry instead of trusting it', async () => {
    const folder = join(tempDir(), 'cache')
    const env = withCache({ SDIST_DIFF_CACHE_DIR: folder })
    const first = await compare(env)
    expect(first.code).toBe(0)
    expect(first.downloads.sort()).toEqual([
      'GET /files/demo/demo-1.0.tar.gz',
      'GET /files/demo/demo-1.1.tar.gz'
    ])
    const cached = join(folder, sha256(old), 'demo-1.0.tar.gz')
    expect(sha256(cached)).toBe(sha256(old))
    expect(readdirSync(join(folder, sha256(now)))).toEqual(['demo-1.1.tar.gz'])

    const second = await compare(env)
    expect(second).toMatchObject({ code: 0, downloads: [], stdout: first.stdout })

    writeFileSync(cached, 'not the sdist')
    const corrupt = sha256(cached)
    const third = await compare(env)
    expect(third).toMatchObject({
      code: 0,
      downloads: ['GET /files/demo/demo-1.0.tar.gz'],
      stdout: first.stdout
    })
    expect(third.stderr).toContain(
      `the cached ${cached} has sha256 ${corrupt}, not the index's ${sha256(old)}: downloaded again`
    )
    expect(sha256(cached)).toBe(sha256(old))
    // No temporary file is left beside the entry.
    expect(readdirSync(join(folder, sha256(old)))).toEqual(['demo-1.0.tar.gz'])
  })

  it('--no-cache downloads again and keeps nothing; --cache-dir wins over SDIST_DIFF_CACHE_DIR', async () => {
    const fromEnv = join(tempDir(), 'env-cache')
    const fromFlag = join(tempDir(), 'flag-cache')
    const env = withCache({ SDIST_DIFF_CACHE_DIR: fromEnv })
    expect((await compare(env, '--cache-dir', fromFlag)).downloads).toHaveLength(2)
    expect(readdirSync(fromFlag).sort()).toEqual([sha256(old), sha256(now)].sort())
    expect((await compare(env, '--cache-dir', fromFlag)).downloads).toEqual([])
    const uncached = await compare(env, '--no-cache')
    expect(uncached).toMatchObject({ code: 0 })
    expect(uncached.downloads).toHaveLength(2)
    expect(() => readdirSync(fromEnv)).toThrow()
    const both = await compare(env, '--no-cache', '--cache-dir', fromFlag)
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--no-cache and --cache-dir contradict each other')
  })

  it('a cache folder that cannot be written is a warning, not a failed run', async () => {
    const blocked = join(tempDir(), 'a-file')
    writeFileSync(blocked, '')
    const result = await compare(withCache({ SDIST_DIFF_CACHE_DIR: blocked }))
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(
      `warning: the download cache ${blocked} could not keep demo-1.0.tar.gz`
    )
    expect(JSON.parse(result.stdout).packages[0].current.version).toBe('1.1')
  })

  it('the release form keeps the previous release it downloads from the index too', async () => {
    const folder = join(tempDir(), 'cache')
    const env = withCache({ SDIST_DIFF_CACHE_DIR: folder })
    const release = async () => {
      const before = server.requests.length
      const result = await runCli(
        [
          now,
          '--previous',
          '',
          '--index-url',
          server.url,
          '--source-check',
          'false',
          '--format',
          'json'
        ],
        env
      )
      expect(result.code).toBe(0)
      return server.requests.slice(before).filter(r => r.startsWith('GET /files/'))
    }
    expect(await release()).toEqual(['GET /files/demo/demo-1.0.tar.gz'])
    expect(await release()).toEqual([])
    expect(readdirSync(join(folder, sha256(old)))).toEqual([basename(old)])
  })
})

describe('where the cache is', () => {
  it('follows --cache-dir, SDIST_DIFF_CACHE_DIR, then XDG_CACHE_HOME (absolute only) or ~/.cache', () => {
    expect(cacheFolder({}, { XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/sdist-diff')
    expect(cacheFolder({}, { XDG_CACHE_HOME: 'relative' })).toBe(
      join(homedir(), '.cache', 'sdist-diff')
    )
    expect(cacheFolder({}, {})).toBe(join(homedir(), '.cache', 'sdist-diff'))
    expect(cacheFolder({}, { SDIST_DIFF_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c')
    expect(cacheFolder({ cacheDir: '/flag' }, { SDIST_DIFF_CACHE_DIR: '/c' })).toBe('/flag')
    expect(cacheFolder({ noCache: true }, {})).toBeUndefined()
    expect(cacheFolder({}, { SDIST_DIFF_NO_CACHE: '1' })).toBeUndefined()
    expect(cacheFolder({}, { SDIST_DIFF_NO_CACHE: '0', XDG_CACHE_HOME: '/x' })).toBe(
      '/x/sdist-diff'
    )
  })
})
