// Every real release pair in ../shared/real-sdists, judged as its maintainer would (judgements.ts holds
// the verdicts and their reasons): the headline, exactly the findings above info, the noise kept at
// info, and the kinds of noise that must never rise above it.
import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { diffArchives } from '../../src/pipeline/index.js'
import type { Finding } from '../../src/judge/finding.js'
import { sharedCorpus } from '../helpers/shared.js'
import { CODE_FINDINGS, CODE_RULES, JUDGEMENTS, type Expected } from './judgements.js'

const CORPUS = sharedCorpus('real-sdists', 'the real-release judgement suite')
const PROJECTS = CORPUS
  ? readdirSync(CORPUS)
      .filter(name => name !== 'README.md')
      .sort()
  : []
/** Pairs read at once: each is read and compared in this process. */
const AT_ONCE = 3

/** The two archives of a project, oldest first. */
function pair(project: string): [string, string] {
  const folders = readdirSync(join(CORPUS ?? '', project)).sort()
  const archive = (folder: string) => {
    const dir = join(CORPUS ?? '', project, folder)
    return join(dir, readdirSync(dir).find(f => f.endsWith('.tar.gz')) ?? '')
  }
  return [archive(folders[0] ?? ''), archive(folders[folders.length - 1] ?? '')]
}

/** Each project's findings, read AT_ONCE at a time from the first test that asks. */
const reports = new Map<string, Promise<{ risk: string; findings: Finding[] }>>()
let running = 0
const waiting: (() => void)[] = []
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>(resolve => waiting.push(resolve))
  running++
  try {
    return await work()
  } finally {
    running--
    waiting.shift()?.()
  }
}
function reportOf(project: string) {
  if (!reports.size)
    for (const name of PROJECTS) {
      const report = limited(() => diffArchives(...pair(name)))
      report.catch(() => undefined)
      reports.set(name, report)
    }
  return reports.get(project) as Promise<{ risk: string; findings: Finding[] }>
}

const mentions = (finding: Finding, subject: string) =>
  finding.message.includes(subject) || finding.path === subject

/** The expected entry each finding matches (by rule, severity and subject), one finding per entry. */
function unmatched(found: Finding[], expected: Expected[]) {
  const left = [...expected]
  const extra = found.filter(finding => {
    const at = left.findIndex(
      e => e.finding === `${finding.rule}:${finding.severity}` && mentions(finding, e.subject)
    )
    if (at < 0) return true
    left.splice(at, 1)
    return false
  })
  return {
    unexpected: extra.map(f => `${f.rule}:${f.severity} ${f.message}`),
    missing: left.map(e => `${e.finding} ${e.subject} (${e.reason})`)
  }
}

/** Judged above info here; code-analysis findings have their own table. */
const aboveInfo = (findings: Finding[]) =>
  findings.filter(f => f.severity !== 'info' && !CODE_RULES.includes(f.rule))

/** The dependency a dependency finding is about: the first name in its message. */
const dependencyOf = (finding: Finding) =>
  /^(?:new dependency |dependency )?([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(finding.message)?.[1]

/** Noise the maintainers named (issue 27): never above info in any real pair. */
const NEVER_ABOVE_INFO: { what: string; extra: (findings: Finding[]) => string[] }[] = [
  {
    what: 'a classifier removed for a Python Requires-Python still allows',
    extra: fs =>
      fs
        .filter(f => f.rule === 'classifier-removed' && /Python :: \d/.test(f.message))
        .map(f => f.message)
  },
  {
    what: 'a pin of a development extra',
    extra: fs => fs.filter(f => f.message.includes('development extra')).map(f => f.message)
  },
  {
    what: 'a second finding for one dependency (one per extra, or per marker)',
    extra: fs => {
      const names = fs.filter(f => f.rule.startsWith('dependency-')).map(dependencyOf)
      return names.filter((name, i) => names.indexOf(name) !== i).map(String)
    }
  },
  {
    what: 'a second entry-point-removed finding for one group',
    extra: fs => {
      const groups = fs
        .filter(f => f.rule === 'entry-point-removed')
        .map(f => /^entry points? ([^:]+):/.exec(f.message)?.[1])
      return groups.filter((group, i) => groups.indexOf(group) !== i).map(String)
    }
  },
  {
    what: 'more than one extra-removed finding for a move to [dependency-groups]',
    extra: fs => {
      const moved = fs.filter(
        f => f.rule === 'extra-removed' && f.message.includes('[dependency-groups]')
      )
      return moved.length > 1 ? moved.map(f => f.message) : []
    }
  }
]

describe.each(CORPUS ? PROJECTS : ['(absent)'])('the real release pair of %s', project => {
  const run = CORPUS ? it : it.skip
  const judgement = JUDGEMENTS[project]

  run('has a judgement', () => {
    expect(judgement).toBeDefined()
  })

  run(
    'is judged as its maintainer would judge it',
    async () => {
      if (!judgement) return
      const { risk, findings } = await reportOf(project)
      expect({ risk, ...unmatched(aboveInfo(findings), judgement.findings) }).toEqual({
        risk: judgement.risk,
        unexpected: [],
        missing: []
      })
      const quiet = judgement.atInfo ?? []
      const severities = (rule: string, subject: string) => {
        const found = findings.filter(f => f.rule === rule && mentions(f, subject))
        return found.length ? [...new Set(found.map(f => f.severity))].join(',') : 'absent'
      }
      expect(quiet.map(q => `${q.rule} ${q.subject}: ${severities(q.rule, q.subject)}`)).toEqual(
        quiet.map(q => `${q.rule} ${q.subject}: info`)
      )
      for (const noise of NEVER_ABOVE_INFO)
        expect({ noise: noise.what, found: noise.extra(aboveInfo(findings)) }).toEqual({
          noise: noise.what,
          found: []
        })
    },
    120_000
  )

  run(
    'holds only the code-analysis findings its table lists',
    async () => {
      const { findings } = await reportOf(project)
      const code = findings.filter(f => CODE_RULES.includes(f.rule))
      expect(unmatched(code, CODE_FINDINGS[project] ?? [])).toEqual({ unexpected: [], missing: [] })
    },
    120_000
  )
})
