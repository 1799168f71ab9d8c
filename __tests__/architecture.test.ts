// The stage rule of docs/architecture.md, checked on the sources: imports (types included) run down
// the stages only, the environment is read by the shells alone, judge/ does no file I/O, and no source
// file passes 400 lines.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative, sep } from 'node:path'
import { REPO } from './helpers/run-dist.js'

/** Lowest first; a module may import its own stage and those before it. */
const STAGES = [
  'util',
  'types',
  'packaging',
  'read',
  'acquire',
  'compare',
  'analysis',
  'judge',
  'config',
  'report',
  'decide',
  'render',
  'publish',
  'pipeline',
  'shells'
]
const SHELLS = new Set(['action', 'cli'])
/** The shells, and publish/ as the Action's effects, may read the environment. */
const READS_ENVIRONMENT = new Set(['shells', 'publish'])

function stageOf(file: string): string {
  const [top, ...rest] = file.split('/')
  if (!rest.length || SHELLS.has(top ?? '')) return 'shells'
  return top ?? ''
}

/** `from '…'`, `import '…'` and `import('…')` of relative modules: the files they name. */
function importsOf(file: string, source: string): string[] {
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)'(\.{1,2}\/[^']+)'/g)]
  return specifiers.map(([, spec]) =>
    normalize(join(dirname(file), spec ?? ''))
      .replace(/\.js$/, '.ts')
      .split(sep)
      .join('/')
  )
}

export function stageViolations(sources: Map<string, string>): string[] {
  const problems: string[] = []
  for (const [file, source] of sources) {
    const stage = stageOf(file)
    if (!STAGES.includes(stage)) problems.push(`${file}: ${stage}/ is not a stage`)
    for (const target of importsOf(file, source))
      if (STAGES.indexOf(stageOf(target)) > STAGES.indexOf(stage))
        problems.push(`${file} (${stage}) imports ${target} (${stageOf(target)})`)
    if (!READS_ENVIRONMENT.has(stage) && /\bprocess\.env\b/.test(source))
      problems.push(`${file} (${stage}) reads process.env`)
    if (stage === 'judge' && /from '(?:node:)?fs(?:\/promises)?'/.test(source))
      problems.push(`${file} (judge) does file I/O`)
    const lines = source.split('\n').length - 1
    if (lines > 400) problems.push(`${file} has ${lines} lines (at most 400)`)
  }
  return problems
}

function readSources(root: string): Map<string, string> {
  const sources = new Map<string, string>()
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (path.endsWith('.ts'))
        sources.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'))
    }
  }
  walk(root)
  return sources
}

describe('the stages', () => {
  it('hold in src/', () => {
    const sources = readSources(join(REPO, 'src'))
    expect(sources.size).toBeGreaterThan(100)
    expect(stageViolations(sources)).toEqual([])
  })

  it('are checked: each kind of breach is caught', () => {
    const breaches = new Map([
      ['compare/x.ts', "import type { Finding } from '../judge/finding.js'\n"],
      ['judge/y.ts', "import { readFile } from 'node:fs/promises'\nconst a = process.env.A\n"],
      ['read/z.ts', "const m = await import('../pipeline/index.js')\n" + 'x\n'.repeat(401)],
      ['main.ts', "import { run } from './pipeline/index.js'\nprocess.env.B\n"]
    ])
    expect(stageViolations(breaches)).toEqual([
      'compare/x.ts (compare) imports judge/finding.ts (judge)',
      'judge/y.ts (judge) reads process.env',
      'judge/y.ts (judge) does file I/O',
      'read/z.ts (read) imports pipeline/index.ts (pipeline)',
      'read/z.ts has 402 lines (at most 400)'
    ])
  })
})
