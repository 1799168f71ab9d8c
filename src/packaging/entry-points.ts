/** `entry_points.txt` (INI): every `group: name` declared. Hand-written: the format is a few lines of INI. */
export function parseEntryPoints(text: string): string[] {
  const names: string[] = []
  let group = ''
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    const section = /^\[(.+)\]$/.exec(line)
    if (section) group = (section[1] ?? '').trim()
    else if (group && line.includes('='))
      names.push(`${group}: ${line.slice(0, line.indexOf('=')).trim()}`)
  }
  return names
}
