// Eight real consecutive releases, rebuilt from their projects' tags (../shared/real-sdists/README.md),
// judged as their maintainers would judge them: the Requires-Python drops are high, dependency changes
// medium or low, and the code analysis, the secret scan and the upload checks find nothing in any of them.
import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { comparePackage, DEFAULT_STAGE_OPTIONS, diffArchives } from '../../src/pipeline/index.js'
import { sharedCorpus } from '../helpers/shared.js'

const found = sharedCorpus('real-sdists', 'the real-release suite')
const present = found !== undefined
const SHARED = found ?? ''

/** The two archives of a project, oldest first. */
function pair(project: string): [string, string] {
  const folders = readdirSync(join(SHARED, project)).sort()
  const archive = (folder: string) => {
    const dir = join(SHARED, project, folder)
    return join(dir, readdirSync(dir).find(f => f.endsWith('.tar.gz')) ?? '')
  }
  return [archive(folders[0] ?? ''), archive(folders[folders.length - 1] ?? '')]
}

/** What a reviewer would expect, by rule and severity, leaving out the file-list rules. */
const EXPECTED: Record<string, { risk: string; findings: string[] }> = {
  certifi: { risk: 'info', findings: ['classifier-added:info', 'version-changed:info'] },
  // webcolors' minimum rose (low), and only the format-nongpl extra reaches it: one level lower.
  jsonschema: {
    risk: 'info',
    findings: ['classifier-added:info', 'dependency-tightened:info', 'version-changed:info']
  },
  // setup.py-only → pyproject.toml with setuptools.build_meta: one build-backend-changed finding.
  // …and its build requirements (PEP 518's default setuptools before) changed with the backend: info.
  // 3.0.0 dropped its Home-page and Issue Tracker links: the index page loses them (low).
  markupsafe: {
    risk: 'high',
    findings: [
      'build-backend-changed:info',
      'build-requirements-changed:info',
      'classifier-added:info',
      'license-changed:info',
      'project-urls-changed:low',
      'requires-python-narrowed:high',
      'version-changed:info'
    ]
  },
  pytest: {
    risk: 'high',
    findings: [
      'classifier-added:info',
      'classifier-added:info',
      'dependency-changed:medium',
      'dependency-tightened:low',
      'dependency-tightened:low',
      'dependency-tightened:low',
      'requires-python-narrowed:high',
      'version-changed:info'
    ]
  },
  rich: { risk: 'low', findings: ['dependency-removed:low', 'version-changed:info'] },
  six: { risk: 'info', findings: ['version-changed:info'] },
  // The licence classifier became `License-Expression: PSF-2.0`: one info finding, not also a removal.
  // flit_core's minimum in [build-system] requires rose from 3.4 to 3.11: low, packagers must follow.
  typing_extensions: {
    risk: 'low',
    findings: ['build-requirements-changed:low', 'license-changed:info', 'version-changed:info']
  },
  werkzeug: { risk: 'high', findings: ['requires-python-narrowed:high', 'version-changed:info'] }
}

const CONTENT_RULES = [
  'suspicious-code',
  'capability-added',
  'secret-added',
  'pth-file-added',
  'pypi-would-reject',
  'sensitive-file-added',
  'unsafe-archive-entry'
]

describe.each(Object.keys(EXPECTED))('the real release pair of %s', project => {
  const run = present ? it : it.skip
  run(
    'is judged as its maintainer would judge it',
    async () => {
      const [previous, current] = pair(project)
      const report = await diffArchives(previous, current)
      const judged = report.findings
        .filter(f => !f.rule.startsWith('file-'))
        .map(f => `${f.rule}:${f.severity}`)
        .sort()
      expect({ risk: report.risk, findings: judged }).toEqual(EXPECTED[project])
      expect(report.findings.filter(f => CONTENT_RULES.includes(f.rule))).toEqual([])
    },
    30_000
  )

  run(
    'read whole as a first release, holds nothing the single-archive checks flag',
    async () => {
      const [, current] = pair(project)
      const report = await comparePackage(
        { current, newPackage: 'a first release' },
        DEFAULT_STAGE_OPTIONS
      )
      expect(report.findings.filter(f => CONTENT_RULES.includes(f.rule))).toEqual([])
      expect(report.findings.map(f => f.rule)).toEqual(['new-package'])
    },
    30_000
  )
})
