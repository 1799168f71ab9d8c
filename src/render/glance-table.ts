import type { Glance } from '../report/glance.js'
import type { Report } from '../report/types.js'
import { codeSpan, markdownText } from './escape.js'

/** Names listed in a cell before "…". */
const NAMES_SHOWN = 5

interface GlanceRow {
  label: string
  cell: (glance: Glance) => string
  /** How the current side differs, when it does ("+2 −1"); compared with `cell` otherwise. */
  delta?: (previous: Glance, current: Glance) => string
  /** Shown only when a side has something to say (default: always). */
  shown?: (glance: Glance) => boolean
}

const ROWS: GlanceRow[] = [
  { label: 'Version', cell: g => codeSpan(g.version) },
  { label: 'Requires-Python', cell: g => (g.requiresPython ? codeSpan(g.requiresPython) : 'any') },
  {
    label: 'Dependencies',
    cell: g => String(g.dependencies.length),
    delta: (p, c) => setDelta(p.dependencies, c.dependencies)
  },
  { label: 'Extras', cell: g => names(g.extras), delta: (p, c) => setDelta(p.extras, c.extras) },
  {
    label: "Extras' dependencies",
    cell: g => String(g.extraDependencies?.length ?? 0),
    delta: (p, c) => setDelta(p.extraDependencies ?? [], c.extraDependencies ?? []),
    shown: g => Boolean(g.extraDependencies?.length)
  },
  { label: 'Licence', cell: g => (g.license ? codeSpan(g.license) : 'none') },
  {
    label: 'Entry points',
    cell: g => String(g.entryPoints.length),
    delta: (p, c) => setDelta(p.entryPoints, c.entryPoints)
  },
  { label: 'Files', cell: g => `${g.files} (${formatBytes(g.bytes)})` },
  {
    label: 'Published by',
    cell: g => markdownText(g.publishedBy ?? 'not from the index'),
    // A side built here has no publisher yet: that is no change.
    delta: (p, c) =>
      p.publishedBy && c.publishedBy && p.publishedBy !== c.publishedBy ? 'changed' : '',
    shown: g => g.publishedBy !== undefined
  }
]

/** The before/after table under the verdict; a changed cell is bold and marked ✏️. */
export function glanceTable(report: Report): string {
  const glance = report.glance
  if (!glance) return ''
  const { previous, current } = glance
  if (!previous) {
    return [
      `| | ${codeSpan(report.current.version)} |`,
      '|---|---|',
      ...rowsFor([current]).map(row => `| ${row.label} | ${row.cell(current)} |`)
    ].join('\n')
  }
  return [
    '| | before | after |',
    '|---|---|---|',
    ...rowsFor([previous, current]).map(row => {
      const [was, is] = [row.cell(previous), row.cell(current)]
      const delta = row.delta?.(previous, current) ?? (was === is ? '' : 'changed')
      if (!delta) return `| ${row.label} | ${was} | ${is} |`
      const note = delta === 'changed' ? '' : ` (${delta})`
      return `| ${row.label} | ${was} | **${is}**${note} ✏️ |`
    })
  ].join('\n')
}

function rowsFor(sides: Glance[]): GlanceRow[] {
  return ROWS.filter(row => !row.shown || sides.some(row.shown))
}

/** "+2 −1" when the set changed, "" when it did not. */
function setDelta(before: string[], after: string[]): string {
  const [was, is] = [new Set(before), new Set(after)]
  const added = after.filter(x => !was.has(x)).length
  const removed = before.filter(x => !is.has(x)).length
  return added || removed ? `+${added} −${removed}` : ''
}

function names(values: string[]): string {
  if (!values.length) return 'none'
  const shown = values.slice(0, NAMES_SHOWN).map(v => markdownText(v))
  const more = values.length > NAMES_SHOWN ? `, … ${values.length - NAMES_SHOWN} more` : ''
  return `${values.length}: ${shown.join(', ')}${more}`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}
