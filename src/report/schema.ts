import { Ajv, type ErrorObject } from 'ajv'
import { highestRisk } from '../judge/severity.js'
import { markAccepted, type Acceptance } from '../judge/acceptance.js'
import { RUN_REPORT_SCHEMA } from './report-schema.js'
import type { Finding, Report, RunReport } from './types.js'
import { isReleaseOf } from './dependency-reports.js'

export { RUN_REPORT_SCHEMA }

// Unknown properties are dropped, so nothing the schema does not know reaches a renderer.
const validate = new Ajv({ removeAdditional: 'all' }).compile<RunReport>(RUN_REPORT_SCHEMA)

/**
 * Parses and checks a run report read from outside; the error names the first problem. Its own
 * acceptances are dropped (whoever wrote the file wrote them): only `acceptances`, from the reading
 * workflow's config, are applied, and the risks are recomputed from the findings, so a report cannot
 * understate what it holds.
 */
export function parseRunReport(
  json: string,
  where: string,
  acceptances: Acceptance[] = []
): RunReport {
  let value: unknown
  try {
    value = JSON.parse(json, withoutNulls)
  } catch (error) {
    throw new Error(`${where}: not JSON (${error instanceof Error ? error.message : error})`)
  }
  if (!validate(value))
    throw new Error(`${where}: not an sdist-diff run report (${describe(validate.errors)})`)
  const judged = (report: Report) => {
    const findings = markAccepted(report.findings.map(withoutAcceptance), acceptances)
    const risk = highestRisk(findings.filter(f => !f.accepted).map(f => f.severity))
    return { ...report, findings, risk }
  }
  const packages = value.packages.map(p => {
    const wheels = p.wheels?.map(judged)
    const own = judged(p)
    return {
      ...own,
      ...(wheels && { wheels }),
      risk: highestRisk([own.risk, ...(wheels ?? []).map(w => w.risk)])
    }
  })
  const dependencies = value.dependencies?.map(entry => {
    const findings = markAccepted(entry.findings.map(withoutAcceptance), acceptances)
    const own = findings.filter(f => !f.accepted).map(f => f.severity)
    const judgedAs = packages.find(p => isReleaseOf(p, entry))
    return { ...entry, findings, risk: highestRisk([...own, judgedAs?.risk ?? 'none']) }
  })
  const risks = [...packages.map(p => p.risk), ...(dependencies ?? []).map(d => d.risk)]
  return { ...value, packages, ...(dependencies && { dependencies }), risk: highestRisk(risks) }
}

/**
 * JSON null is kept only where the types have it (`previous` of a report and of its glance, and a
 * dependency's `previous` and `current`); anywhere
 * else it is dropped, so that the `nullable` of an optional property lets through absence, never null.
 */
function withoutNulls(key: string, value: unknown): unknown {
  return value === null && key !== 'previous' && key !== 'current' ? undefined : value
}

function withoutAcceptance({ accepted: _dropped, ...finding }: Finding): Finding {
  return finding
}

function describe(errors: ErrorObject[] | null | undefined): string {
  const [first] = errors ?? []
  return first ? `${first.instancePath || '/'} ${first.message ?? 'is invalid'}` : 'invalid'
}
