import type { Severity } from './severity.js'

/** One judged change: the rule that found it, its severity and what a reviewer reads. */
export interface Finding {
  rule: string
  severity: Severity
  message: string
  path?: string
  /** The reason the maintainers gave for accepting this change (config `accept:`); not counted in risk. */
  accepted?: string
}
