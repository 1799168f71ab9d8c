/**
 * setuptools' `*.egg-info/requires.txt`: bare requirements, then `[extra]`, `[extra:marker]` or
 * `[:marker]` sections. Returns each line as a PEP 508 string with the section's marker folded in, the
 * way setuptools writes the same requirement as `Requires-Dist`.
 */
export function requiresTxtToPep508(text: string): { requirements: string[]; extras: string[] } {
  const requirements: string[] = []
  const extras = new Set<string>()
  let sectionMarker = ''
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const section = /^\[(.*)\]$/.exec(line)
    if (section) {
      sectionMarker = sectionToMarker(section[1] ?? '', extras)
      continue
    }
    requirements.push(sectionMarker ? joinMarker(line, sectionMarker) : line)
  }
  return { requirements, extras: [...extras] }
}

function sectionToMarker(section: string, extras: Set<string>): string {
  const colon = section.indexOf(':')
  const extra = (colon >= 0 ? section.slice(0, colon) : section).trim()
  const marker = colon >= 0 ? section.slice(colon + 1).trim() : ''
  if (extra) extras.add(extra)
  const extraClause = extra ? `extra == ${JSON.stringify(extra)}` : ''
  if (marker && extraClause) return `(${marker}) and ${extraClause}`
  return marker || extraClause
}

function joinMarker(requirement: string, marker: string): string {
  const semicolon = requirement.indexOf(';')
  if (semicolon < 0) return `${requirement} ; ${marker}`
  const own = requirement.slice(semicolon + 1).trim()
  return `${requirement.slice(0, semicolon).trim()} ; (${own}) and (${marker})`
}
