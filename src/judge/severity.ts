export const SEVERITIES = ['info', 'low', 'medium', 'high'] as const
export type Severity = (typeof SEVERITIES)[number]
export type Risk = 'none' | Severity
export const RISKS: readonly Risk[] = ['none', ...SEVERITIES]

export function riskRank(risk: Risk): number {
  return RISKS.indexOf(risk)
}

export function highestRisk(risks: Iterable<Risk>): Risk {
  let highest: Risk = 'none'
  for (const risk of risks) if (riskRank(risk) > riskRank(highest)) highest = risk
  return highest
}

/** Whether `risk` reaches the `threshold`; a threshold of `none` never fails. */
export function reachesThreshold(risk: Risk, threshold: Risk): boolean {
  return threshold !== 'none' && riskRank(risk) >= riskRank(threshold)
}

export function parseRisk(value: string, what: string): Risk {
  const risk = value.trim().toLowerCase()
  if ((RISKS as readonly string[]).includes(risk)) return risk as Risk
  throw new Error(`${what} must be one of ${RISKS.join(', ')}; got "${value}"`)
}
