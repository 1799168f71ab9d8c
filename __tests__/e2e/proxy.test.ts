// Behind a proxy, as on self-hosted and enterprise runners: a real HTTP proxy (Debian's tinyproxy) on
// 127.0.0.1, whose upstream (the test's, standing for the network beyond the proxy) alone knows the
// `.invalid` hosts of the loopback index and GitHub API: only a client that honours HTTP_PROXY,
// HTTPS_PROXY and NO_PROXY reaches them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { startGitHubServer, closeChecked, type GitHubServer } from '../helpers/github-server.js'
import { startIndexServer, type IndexServer } from '../helpers/index-server.js'
import { TOKEN, pullRequestEvent, runAction } from '../helpers/runner.js'
import { SEED_RC2, SEED_RC3, tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'
import { noProxyMatcher } from '../../src/acquire/proxy.js'

const TINYPROXY = '/usr/bin/tinyproxy'
const present = spawnSync(TINYPROXY, ['-v']).status === 0
if (!present && process.env.CI === 'true')
  throw new Error(
    `the proxy tests need ${TINYPROXY} (apt-get install tinyproxy); CI=true: not skipping`
  )
if (!present) console.warn(`skipping the proxy tests: ${TINYPROXY} is not installed`)
const run = present ? it : it.skip

const INDEX_HOST = 'pypi.invalid'
const API_HOST = 'api.invalid'
const PROJECT = 'backend-ai-kernel-helper'

let index: IndexServer
let github: GitHubServer
let proxy: { url: string; log: string; process: ChildProcess } | undefined
let beyond: Server | undefined

/** The network beyond the proxy: CONNECT to a known `.invalid` host is tunnelled to its loopback port. */
async function startUpstream(
  hosts: Record<string, string>
): Promise<{ server: Server; url: string }> {
  const server = createServer(socket => {
    // The CONNECT request may come in pieces: read up to its blank line, pass on what follows.
    let head = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      socket.off('data', onData)
      socket.pause()
      const [, host] = /^CONNECT ([^:\s]+):\d+ /.exec(head.toString('latin1')) ?? []
      const target = host && hosts[host]
      if (!target) return void socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
      const rest = head.subarray(end + 4)
      const onward = connect(Number(new URL(target).port), '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection established\r\n\r\n')
        if (rest.length) onward.write(rest)
        socket.pipe(onward).pipe(socket)
        socket.resume()
      })
      onward.on('error', () => socket.destroy())
      socket.on('error', () => onward.destroy())
    }
    socket.on('data', onData)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function startTinyproxy(upstream: string, domain: string) {
  const dir = tempDir('tinyproxy-')
  const port = await freePort()
  const log = join(dir, 'log')
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    `LogFile "${log}"`,
    'LogLevel Connect',
    'MaxClients 20',
    'Allow 127.0.0.1',
    `Upstream http ${new URL(upstream).host} "${domain}"`
  ]
  writeFileSync(join(dir, 'tinyproxy.conf'), config.join('\n') + '\n')
  writeFileSync(log, '')
  const child = spawn(TINYPROXY, ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: 'ignore' })
  for (let tries = 0; tries < 100; tries++) {
    if (readFileSync(log, 'utf8').includes('listening on')) break
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return { url: `http://127.0.0.1:${port}`, log, process: child }
}

beforeAll(async () => {
  if (!present) return
  index = await startIndexServer([{ project: PROJECT, path: SEED_RC2 }])
  github = await startGitHubServer(TOKEN)
  const upstream = await startUpstream({ [INDEX_HOST]: index.url, [API_HOST]: github.url })
  beyond = upstream.server
  proxy = await startTinyproxy(upstream.url, '.invalid')
})

afterAll(async () => {
  proxy?.process.kill()
  beyond?.close()
  await index?.close()
  await closeChecked(github)
})

const indexUrl = () => `http://${INDEX_HOST}/simple/`
const cliArgs = () => ['--index-url', indexUrl(), SEED_RC3, '--format', 'json', '--fail-on', 'none']
const noProxy = { HTTP_PROXY: '', HTTPS_PROXY: '', NO_PROXY: '', http_proxy: '', https_proxy: '' }

describe('behind an HTTP proxy', () => {
  run('the CLI reaches the index through HTTP_PROXY', async () => {
    const before = index.requests.length
    const result = await runCli(cliArgs(), { ...process.env, ...noProxy, HTTP_PROXY: proxy?.url })
    expect(result.stderr).toContain(`comparing with backend.ai-kernel-helper-24.3.0rc2.tar.gz`)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).packages[0].previous.version).toBe('24.3.0rc2')
    expect(index.requests.slice(before)).toEqual([
      'GET /simple/backend-ai-kernel-helper/',
      'GET /files/backend-ai-kernel-helper/backend.ai-kernel-helper-24.3.0rc2.tar.gz'
    ])
    expect(readFileSync(proxy?.log ?? '', 'utf8')).toContain(`CONNECT ${INDEX_HOST}:80`)
  })

  run('without the proxy, or with the host in NO_PROXY, the index is not reached', async () => {
    const env = { ...process.env, ...noProxy, SDIST_DIFF_HTTP_TIMEOUT: '5' }
    const direct = await runCli(cliArgs(), env)
    expect(direct.code).toBe(2)
    expect(direct.stderr).toMatch(/pypi\.invalid.*(ENOTFOUND|EAI_AGAIN)/)
    const bypassed = await runCli(cliArgs(), {
      ...env,
      HTTP_PROXY: proxy?.url,
      NO_PROXY: `localhost,.${INDEX_HOST.split('.').pop()}`
    })
    expect(bypassed.code).toBe(2)
    expect(bypassed.stderr).toMatch(/ENOTFOUND|EAI_AGAIN/)
  })

  run('the Action reaches the index and posts its comment through the proxy', async () => {
    const result = await runAction({
      with: { current: SEED_RC3, 'index-url': indexUrl(), 'fail-on': 'none', comment: 'always' },
      event: pullRequestEvent(7),
      apiUrl: `http://${API_HOST}`,
      env: { ...noProxy, HTTP_PROXY: proxy?.url, HTTPS_PROXY: proxy?.url }
    })
    expect(result.stdout).not.toMatch(/::(error|warning)::/)
    expect(result.report.packages[0].previous.version).toBe('24.3.0rc2')
    expect(github.comments.filter(c => c.issue === 7)).toHaveLength(1)
    expect(readFileSync(proxy?.log ?? '', 'utf8')).toContain(`CONNECT ${API_HOST}:80`)
  })
})

describe('NO_PROXY', () => {
  it('matches hosts, domains and ports as curl does', () => {
    const bypass = noProxyMatcher('localhost, .corp.example,pypi.internal:8080')
    const cases: [string, boolean][] = [
      ['http://localhost/simple/', true],
      ['https://files.corp.example/x', true],
      ['https://corp.example/x', true],
      ['https://notcorp.example/x', false],
      ['http://pypi.internal:8080/simple/', true],
      ['http://pypi.internal/simple/', false],
      ['https://pypi.org/simple/', false]
    ]
    expect(cases.map(([url]) => [url, bypass(new URL(url))])).toEqual(cases)
    expect(noProxyMatcher('*')(new URL('https://pypi.org/'))).toBe(true)
    expect(noProxyMatcher('')(new URL('https://pypi.org/'))).toBe(false)
  })
})
