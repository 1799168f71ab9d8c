import { describe, expect, it } from '@jest/globals'
import { choosePreviousRelease, sdistsOf } from '../src/acquire/choose-previous.js'
import { parsePreviousSpec } from '../src/acquire/previous-spec.js'
import { safeFilename } from '../src/acquire/download.js'
import { DEFAULT_RETRY, retryPolicyFromEnv } from '../src/acquire/http.js'
import { sdistVersion } from '../src/acquire/sdist-filename.js'
import { parseHtmlPage, parseJsonPage } from '../src/acquire/simple-index.js'
import { apiLimitsFromEnv, DEFAULT_API_LIMITS } from '../src/publish/octokit.js'

describe('sdist file names', () => {
  it.each([
    ['backend.ai-kernel-helper-24.3.0rc3.tar.gz', 'backend.ai-kernel-helper', '24.3.0rc3'],
    ['backend_ai_kernel_helper-24.3.0rc3.tar.gz', 'backend.ai-kernel-helper', '24.3.0rc3'],
    ['Click-Extra-4.7.tar.gz', 'click_extra', '4.7'],
    ['demo-1.0-py3-none-any.whl', 'demo', undefined],
    ['demo-1.0.zip', 'demo', undefined],
    ['demolition-1.0.tar.gz', 'demo', undefined]
  ])('%s of %s has version %s', (filename, project, version) => {
    expect(sdistVersion(filename, project)).toBe(version)
  })
})

describe('choosing the previous release', () => {
  const files = ['1.0', '1.1', '1.2rc1', '1.2.post1', '2.0', '1.1.1'].map(v => ({
    filename: `demo-${v}.tar.gz`,
    url: `u/${v}`,
    yanked: v === '1.1.1'
  }))
  const sdists = sdistsOf(files, 'demo')
  it.each([
    ['1.2', '1.1'],
    ['1.2rc2', '1.2rc1'],
    ['1.3', '1.2.post1'],
    ['1.0', undefined]
  ])('before %s comes %s', (current, expected) => {
    expect(choosePreviousRelease(sdists, current)?.version).toBe(expected)
  })
})

describe('index pages', () => {
  it('reads PEP 691 JSON with relative URLs and yanked flags', () => {
    const page = JSON.stringify({
      files: [
        {
          filename: 'a-1.tar.gz',
          url: '../../f/a-1.tar.gz',
          hashes: { sha256: 'AB'.repeat(32) },
          yanked: 'bad'
        }
      ]
    })
    expect(parseJsonPage(page, 'http://h/simple/a/')).toEqual([
      {
        filename: 'a-1.tar.gz',
        url: 'http://h/f/a-1.tar.gz',
        sha256: 'ab'.repeat(32),
        yanked: true
      }
    ])
  })

  it('reads PEP 503 HTML anchors, hash fragments, entities and data-yanked', () => {
    const page = `<a href="/f/a-1.tar.gz#sha256=${'cd'.repeat(32)}" data-requires-python="&gt;=3.8">a-1.tar.gz</a><a data-yanked href='b.tar.gz?x=1&amp;y=2'>b-2.tar.gz</a>`
    expect(parseHtmlPage(page, 'http://h/simple/a/')).toEqual([
      {
        filename: 'a-1.tar.gz',
        url: 'http://h/f/a-1.tar.gz',
        sha256: 'cd'.repeat(32),
        yanked: false
      },
      { filename: 'b-2.tar.gz', url: 'http://h/simple/a/b.tar.gz?x=1&y=2', yanked: true }
    ])
  })
})

describe('previous spec and untrusted names', () => {
  it.each([
    ['', { kind: 'index' }],
    ['1.4.2', { kind: 'version', version: '1.4.2' }],
    ['git:v1.0', { kind: 'git', ref: 'v1.0' }],
    ['https://h/x.tar.gz', { kind: 'url', url: 'https://h/x.tar.gz' }],
    ['prev/*.tar.gz', { kind: 'files', patterns: ['prev/*.tar.gz'] }]
  ])('%j', (text, spec) => {
    expect(parsePreviousSpec(text)).toEqual(spec)
  })

  it('refuses what it cannot read, and keeps downloaded names inside the folder', () => {
    expect(() => parsePreviousSpec('latest!')).toThrow(/neither a version/)
    expect(safeFilename('../../etc/passwd')).toBe('passwd')
    expect(safeFilename('a b$(x).tar.gz')).toBe('a_b__x_.tar.gz')
    expect(safeFilename('..')).toBe('download.tar.gz')
  })
})

describe('the retry knobs', () => {
  it('SDIST_DIFF_RETRY_DELAY_MS sets the backoff unit of the index and of the API; junk is ignored', () => {
    const env = { SDIST_DIFF_RETRY_DELAY_MS: '10', SDIST_DIFF_HTTP_TIMEOUT: '2' }
    expect(retryPolicyFromEnv(env)).toEqual({ ...DEFAULT_RETRY, baseDelayMs: 10, timeoutMs: 2000 })
    expect(apiLimitsFromEnv(env)).toEqual({ ...DEFAULT_API_LIMITS, retryDelayMs: 10 })
    for (const junk of ['', 'soon', '-5'])
      expect([
        retryPolicyFromEnv({ SDIST_DIFF_RETRY_DELAY_MS: junk }).baseDelayMs,
        apiLimitsFromEnv({ SDIST_DIFF_RETRY_DELAY_MS: junk }).retryDelayMs
      ]).toEqual([DEFAULT_RETRY.baseDelayMs, DEFAULT_API_LIMITS.retryDelayMs])
  })
})
