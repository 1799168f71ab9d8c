import { it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startIndexServer } from '../helpers/index-server.js'
import { tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'
const R = '/work/shared/real-sdists'
const sd = (p: string, f: string) => join(R, p, f, readdirSync(join(R, p, f)).find(x => x.endsWith('.tar.gz'))!)
const g = (d: string, ...a: string[]) => execFileSync('git', ['-C', d, ...a], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).trim()
it('user', async () => {
  const index = await startIndexServer([{ project: 'six', path: sd('six', '1.16.0') }, { project: 'six', path: sd('six', '1.17.0') }], 'json')
  const dir = tempDir('u-')
  g(dir, 'init', '-q', '-b', 'main')
  mkdirSync(join(dir, 'deps'))
  writeFileSync(join(dir, 'deps/prod.txt'), 'six==1.16.0\n')
  writeFileSync(join(dir, 'uv.lock'), 'version = 1\n[[package]]\nname = "six"\nversion = "1.16.0"\nsource = { registry = "https://pypi.org/simple" }\n')
  g(dir, 'add', '-A'); g(dir, 'commit', '-qm', 'b')
  writeFileSync(join(dir, 'deps/prod.txt'), 'six==1.17.0\n')
  writeFileSync(join(dir, 'uv.lock'), 'version = 1\n[[package]]\nname = "six"\nversion = "latest"\nsource = { registry = "https://pypi.org/simple" }\n')
  for (const args of [['HEAD'], ['nope'], ['HEAD', '--dependency-files', 'deps/*.txt'], ['--dependencies']]) {
    const r = await runCli(['--dependencies', ...args, '--working-directory', dir, '--index-url', index.url])
    console.log(args.join(' '), '→', r.code, '\nSTDOUT\n', r.stdout.slice(0, 1500), '\nSTDERR\n', r.stderr.slice(0, 1500))
  }
  const r = await runCli(['--dependencies', 'HEAD', '--working-directory', '/tmp', '--index-url', index.url])
  console.log('notgit', r.code, r.stderr)
  await index.close()
}, 600000)
