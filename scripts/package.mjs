// Bundles the Action (dist/index.js) and the CLI (dist/cli/index.js) with ncc, as ESM.
import { execFileSync } from 'node:child_process'
import { chmodSync, rmSync } from 'node:fs'

const ncc = ['node_modules/@vercel/ncc/dist/ncc/cli.js']
rmSync('dist', { recursive: true, force: true })
for (const [entry, out] of [
  ['src/index.ts', 'dist'],
  ['src/cli/index.ts', 'dist/cli']
]) {
  execFileSync(
    process.execPath,
    [...ncc, 'build', entry, '-o', out, '--source-map', '--license', 'licenses.txt', '--quiet'],
    {
      stdio: 'inherit'
    }
  )
}
chmodSync('dist/cli/index.js', 0o755)
