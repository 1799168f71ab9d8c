import type { CodeFinding, RunsAt } from '../analysis/code.js'
import { importPackage } from '../analysis/modules.js'
import type { Behaviour } from '../analysis/python-code.js'
import type { CurrentRule } from './types.js'

const DOES: Record<Behaviour, string> = {
  'decode-execute': 'decodes and executes data',
  'download-execute': 'downloads and runs code',
  network: 'opens a network connection',
  process: 'spawns a process',
  environment: 'sends or writes out the whole environment (os.environ)',
  'source-encoding':
    'declares a source encoding other than UTF-8, ASCII or Latin-1 (PEP 263), so Python runs other text than a reviewer reads',
  unread:
    'is too large for the code analysis and the secret scan to read: none of its code was checked'
}

const WHEN: Record<RunsAt, string> = {
  build: 'at build time: it runs on every machine that builds or installs this sdist',
  import: 'at import time: it runs on every machine that imports the package',
  run: 'when called'
}

/**
 * "pkg/__init__.py:5 decodes and executes data (exec) at import time: …"; for a behaviour reached
 * through the package's own functions, the calls that lead to it from module level.
 */
export function describeCode(f: CodeFinding): string {
  const when = WHEN[f.runsAt]
  if (!f.via?.length) return `${f.path}:${f.line} ${DOES[f.behaviour]} (${f.call}) ${when}`
  const [at, consequence] = when.split(': ')
  const chain = f.via
    .map(step => `\`${step.callee.replace(/^.*\./, '')}()\` at ${step.path}:${step.line}`)
    .join(' → ')
  return `${f.path}:${f.line} ${DOES[f.behaviour]} (${f.call}) ${at} via ${chain}: ${consequence}`
}

export const suspiciousCode: CurrentRule = {
  id: 'suspicious-code',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    "New Python code (read with a real parser, imports resolved, by-name imports and aliases too, decoded as Python decodes it) that decodes and executes data anywhere, or downloads and runs code, opens connections, spawns processes, sends the environment or declares an unusual source encoding (PEP 263) at build or import time, also through the package's own functions that import-time code calls (at most 3 calls deep).",
  check: ({ code }) => code.suspicious.map(f => ({ path: f.path, message: describeCode(f) }))
}

export const capabilityAdded: CurrentRule = {
  id: 'capability-added',
  scope: 'current',
  defaultSeverity: 'medium',
  description:
    'An import package gains at run time a kind of behaviour (network, processes, environment, downloading and running code) that none of its modules had in the previous release.',
  check: ({ code }) =>
    code.capabilitiesAdded.map(f => ({
      path: f.path,
      message: `new capability: ${describeCode(f)}; no module of ${topPackage(f.path)} in the previous release did this`
    }))
}

const topPackage = (path: string) => `\`${importPackage(path)}\``
