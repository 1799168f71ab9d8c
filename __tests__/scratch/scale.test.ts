import { it, expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startGitHubServer } from '../helpers/github-server.js'
import { startIndexServer } from '../helpers/index-server.js'
import { TOKEN, runAction } from '../helpers/runner.js'
import { tempDir } from '../helpers/sdist.js'
const R = '/work/shared/real-sdists'
const sd = (p: string, f: string) => join(R, p, f, readdirSync(join(R, p, f)).find(x => x.endsWith('.tar.gz'))!)
const g = (d: string, ...a: string[]) => execFileSync('git', ['-C', d, ...a], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).trim()
it('scale', async () => {
  const index = await startIndexServer([{ project: 'six', path: sd('six', '1.16.0') }, { project: 'six', path: sd('six', '1.17.0') }], 'json')
  const dir = tempDir('scale-')
  g(dir, 'init', '-q', '-b', 'main')
  writeFileSync(join(dir, 'requirements.txt'), 'six==1.16.0\n')
  g(dir, 'add', '-A'); g(dir, 'commit', '-qm', 'b')
  const sha = g(dir, 'rev-parse', 'HEAD')
  const N = Number(process.env.N ?? 5000)
  writeFileSync(join(dir, 'requirements.txt'), 'six==1.17.0\n' + Array.from({ length: N }, (_, i) => `pkg-${i}==1.0`).join('\n') + '\n')
  const github = await startGitHubServer(TOKEN)
  const t = Date.now(); const m0 = process.memoryUsage().rss
  const r = await runAction({ with: { compare: 'dependencies', 'working-directory': dir, 'index-url': index.url, comment: 'always', 'fail-on': 'none' }, event: { name: 'pull_request', payload: { pull_request: { number: 7, base: { sha }, head: { sha: 'a'.repeat(40) } } } }, apiUrl: github.url })
  console.log('ms', Date.now() - t, 'rss MB', (process.memoryUsage().rss - m0) / 1e6, 'code', r.code, 'body', github.comments[0]?.body.length, 'summary', r.summary.length, 'deps', r.report?.dependencies?.length)
  console.log(r.stdout.split('\n').filter(l => /::error|::warning/.test(l)).slice(0,5).join('\n'))
  console.log((github.comments[0]?.body ?? '').slice(-600))
  await github.close?.(); await index.close()
  expect(1).toBe(1)
}, 600000)
