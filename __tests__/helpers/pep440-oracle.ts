// pypa/packaging as the oracle of the PEP 440 tests: one Python process per batch, JSON over
// stdin/stdout (pep440_oracle.py). Interpreters: $PACKAGING_PYTHON, else `python3` (packaging 26 in
// the image) and Debian's /usr/bin/python3 (python3-packaging 23.0); CI has both.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('./pep440_oracle.py', import.meta.url))

export interface VersionFacts {
  str: string
  public: string
  base: string
  local: string | null
  epoch: number
  release: number[]
  pre: [string, number] | null
  post: number | null
  dev: number | null
  is_prerelease: boolean
  is_postrelease: boolean
  is_devrelease: boolean
  /** Position in packaging's order; equal versions share one. */
  rank: number
}

export interface SpecifierFacts {
  str: string
  /** Membership of each grid version ('1'/'0', 'E' where packaging raises), by `prereleases`. */
  contains: { none: string; true: string; false: string }
  /** `SpecifierSet.filter(grid)`, as membership. */
  filter: string
}

export interface OracleRequest {
  versions: string[]
  specifiers: string[]
  grid: string[]
}

export interface OracleAnswers {
  packaging: string
  versions: (VersionFacts | null)[]
  specifiers: (SpecifierFacts | null)[]
}

export interface Oracle {
  python: string
  packaging: string
  ask(request: OracleRequest): OracleAnswers
}

function oracleAt(python: string): Oracle | undefined {
  let packaging: string
  try {
    packaging = execFileSync(python, ['-c', 'import packaging; print(packaging.__version__)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    }).trim()
  } catch {
    return undefined
  }
  return {
    python,
    packaging,
    ask: request =>
      JSON.parse(
        execFileSync(python, [SCRIPT], {
          input: JSON.stringify(request),
          encoding: 'utf8',
          maxBuffer: 1 << 30
        })
      ) as OracleAnswers
  }
}

/** Every interpreter with packaging found, one per packaging version. */
export function findOracles(): Oracle[] {
  const candidates = process.env.PACKAGING_PYTHON
    ? [process.env.PACKAGING_PYTHON]
    : ['python3', '/usr/bin/python3']
  const found = new Map<string, Oracle>()
  for (const python of candidates) {
    const oracle = oracleAt(python)
    if (oracle && !found.has(oracle.packaging)) found.set(oracle.packaging, oracle)
  }
  return [...found.values()]
}

/** packaging 26 or later: the release pip vendors today (26.3 in pip's main branch). */
export const isCurrent = (packaging: string) => Number(packaging.split('.')[0]) >= 26
