import type { Report, RunReport } from '../report/types.js'

/** The JSON form of a report or of a whole run, as the CLI prints it and the Action writes it. */
export function renderJson(report: Report | RunReport): string {
  return JSON.stringify(report, null, 2) + '\n'
}
