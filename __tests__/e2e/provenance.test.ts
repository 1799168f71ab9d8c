// PEP 740 provenance: a loopback index serving six 1.16.0 and 1.17.0 from ../shared/real-sdists with
// provenance objects shaped like PyPI's Integrity API answers (publisher, attestations whose envelope
// holds a base64 in-toto statement naming the file and its SHA-256).
import { afterEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { startIndexServer, type HostedFile, type IndexServer } from '../helpers/index-server.js'
import { runAction } from '../helpers/runner.js'
import { sharedCorpus } from '../helpers/shared.js'
import { runCli } from '../helpers/target.js'

const REAL = sharedCorpus('real-sdists', 'the provenance tests')
const run = REAL ? it : it.skip

const six = (version: string) => {
  const dir = join(REAL ?? '', 'six', version)
  return join(dir, readdirSync(dir).find(f => f.endsWith('.tar.gz')) ?? '')
}

interface Attestation {
  repository?: string
  workflow?: string
  /** The statement names another file or digest. */
  subject?: { name: string; sha256: string }
}

function provenance(
  path: string,
  { repository = 'benjaminp/six', workflow = 'publish.yml', subject }: Attestation
) {
  const name = basename(path)
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex')
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [
      subject
        ? { name: subject.name, digest: { sha256: subject.sha256 } }
        : { name, digest: { sha256 } }
    ],
    predicateType: 'https://docs.pypi.org/attestations/publish/v1',
    predicate: null
  }
  return {
    version: 1,
    attestation_bundles: [
      {
        publisher: { kind: 'GitHub', repository, workflow, environment: 'pypi' },
        attestations: [
          {
            version: 1,
            verification_material: { certificate: 'MIIC…', transparency_entries: [] },
            envelope: {
              statement: Buffer.from(JSON.stringify(statement)).toString('base64'),
              signature: 'MEUCIQ…'
            }
          }
        ]
      }
    ]
  }
}

let server: IndexServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function index(
  old: Attestation | undefined,
  now: Attestation | undefined,
  mode: 'json' | 'html' = 'json'
): Promise<IndexServer> {
  const hosted = (version: string, attestation: Attestation | undefined): HostedFile => ({
    project: 'six',
    path: six(version),
    ...(attestation && { provenance: provenance(six(version), attestation) })
  })
  server = await startIndexServer([hosted('1.16.0', old), hosted('1.17.0', now)], mode)
  return server
}

async function compare(server: IndexServer) {
  const result = await runCli([
    'six==1.16.0',
    'six==1.17.0',
    '--index-url',
    server.url,
    '--format',
    'json',
    '--fail-on',
    'none'
  ])
  expect(result).toMatchObject({ code: 0 })
  const [report] = JSON.parse(result.stdout).packages
  const provenanceFindings = report.findings.filter((f: { rule: string }) =>
    ['provenance-lost', 'publisher-changed', 'attestation-mismatch'].includes(f.rule)
  )
  return { report, findings: provenanceFindings }
}

describe('provenance of published releases', () => {
  run.each(['json', 'html'] as const)(
    'the same publisher on both sides is no finding (%s index)',
    async mode => {
      const { report, findings } = await compare(await index({}, {}, mode))
      expect(findings).toEqual([])
      expect(report.glance.previous.publishedBy).toBe('GitHub benjaminp/six, publish.yml')
      expect(report.glance.current.publishedBy).toBe('GitHub benjaminp/six, publish.yml')
    }
  )

  run('attestations lost: provenance-lost (high)', async () => {
    const { report, findings } = await compare(await index({}, undefined))
    expect(findings).toEqual([
      {
        rule: 'provenance-lost',
        severity: 'high',
        message:
          "six-1.17.0.tar.gz carries no attestation, but the previous release six-1.16.0.tar.gz was published by GitHub benjaminp/six, publish.yml: was it uploaded outside the project's release workflow?"
      }
    ])
    expect(report.risk).toBe('high')
    expect(report.glance.current.publishedBy).toBe('not attested')
  })

  run('another repository or workflow: publisher-changed (high), naming both', async () => {
    const { findings } = await compare(await index({}, { repository: 'mallory/six' }))
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'publisher-changed',
        severity: 'high',
        message:
          'published by GitHub mallory/six, publish.yml; the previous release by GitHub benjaminp/six, publish.yml'
      })
    ])
    const workflow = await compare(await index({}, { workflow: 'other.yml' }))
    expect(workflow.findings.map((f: { rule: string }) => f.rule)).toEqual(['publisher-changed'])
  })

  run('a statement about another file or digest: attestation-mismatch (high)', async () => {
    const { findings } = await compare(
      await index({}, { subject: { name: 'six-1.17.0.tar.gz', sha256: 'ab'.repeat(32) } })
    )
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'attestation-mismatch',
        severity: 'high',
        message: expect.stringMatching(
          /^an attestation of six-1\.17\.0\.tar\.gz names SHA-256 abababababababab…, but the index serves [0-9a-f]{16}…$/
        )
      }),
      // The file it speaks for is then not attested.
      expect.objectContaining({ rule: 'provenance-lost' })
    ])
  })

  run('an index that serves no provenance: no finding, "not attested"', async () => {
    const { report, findings } = await compare(await index(undefined, undefined))
    expect(findings).toEqual([])
    expect(report.glance.previous.publishedBy).toBe('not attested')
  })

  run(
    "the Action: the previous release's publisher in the glance, another repository medium",
    async () => {
      const served = await index({ repository: 'someone/six' }, undefined)
      const result = await runAction({
        with: { current: six('1.17.0'), 'index-url': served.url, 'fail-on': 'none' },
        env: { GITHUB_REPOSITORY: 'benjaminp/six' }
      })
      const [report] = result.report.packages
      expect(report.glance.previous.publishedBy).toBe('GitHub someone/six, publish.yml')
      expect(
        report.findings.filter((f: { rule: string }) => f.rule === 'publisher-changed')
      ).toEqual([
        expect.objectContaining({
          severity: 'medium',
          message:
            'the previous release six-1.16.0.tar.gz was published by GitHub someone/six, publish.yml, not from benjaminp/six where this workflow runs: a fork, or a project that moved?'
        })
      ])
      expect(result.summary).toContain(
        '| Published by | GitHub someone/six, publish\\.yml | not from the index |'
      )
      const same = await runAction({
        with: { current: six('1.17.0'), 'index-url': served.url, 'fail-on': 'none' },
        env: { GITHUB_REPOSITORY: 'someone/six' }
      })
      expect(same.report.packages[0].findings.map((f: { rule: string }) => f.rule)).not.toContain(
        'publisher-changed'
      )
    }
  )
})
