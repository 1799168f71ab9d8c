import { RUN_REPORT_SCHEMA } from './report-schema.js'
import type { RunReport } from './types.js'

interface Caps {
  $ref?: string
  anyOf?: Caps[]
  type?: string
  maxLength?: number
  maxItems?: number
  items?: Caps
  properties?: Record<string, Caps>
}

const DEFS = RUN_REPORT_SCHEMA.$defs as unknown as Record<string, Caps>

/**
 * The report cut to the caps the report schema sets, so that mode: publish reads back every report
 * mode: report writes: a string past its cap ends in "…", a list past its cap loses its tail. Honest
 * reports almost never reach a cap (patches are cut before, with a note; see MAX_PATCH_CHARS).
 */
export function fitToSchema(report: RunReport): RunReport {
  return fit(report, RUN_REPORT_SCHEMA as unknown as Caps) as RunReport
}

function fit(value: unknown, schema: Caps): unknown {
  const caps = resolve(schema)
  if (caps === undefined || value === null || value === undefined) return value
  if (typeof value === 'string') return cutString(value, caps.maxLength)
  if (Array.isArray(value)) {
    const kept = caps.maxItems === undefined ? value : value.slice(0, caps.maxItems)
    const items = caps.items
    return items ? kept.map(item => fit(item, items)) : kept
  }
  if (typeof value === 'object' && caps.properties) {
    const properties = caps.properties
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => {
        const fieldCaps = properties[key]
        return [key, fieldCaps ? fit(field, fieldCaps) : field]
      })
    )
  }
  return value
}

/** The schema itself, or the one a `$ref` names, or the non-null branch of an `anyOf`. */
function resolve(schema: Caps): Caps | undefined {
  if (schema.$ref) return DEFS[schema.$ref.slice('#/$defs/'.length)]
  if (schema.anyOf) return schema.anyOf.find(branch => branch.type !== 'null')
  return schema
}

/** ajv counts code points; a cut in UTF-16 units is never longer, and never splits a surrogate pair. */
function cutString(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text
  let end = max - 1
  const high = text.charCodeAt(end - 1)
  if (high >= 0xd800 && high <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}
