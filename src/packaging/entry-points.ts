/**
 * `entry_points.txt` (INI): each `group: name` declared with the object it loads, `module:attr [extras]`.
 * Hand-written: the format is a few lines of INI.
 */
export function parseEntryPointTargets(text: string): Record<string, string> {
  const targets: Record<string, string> = {}
  let group = ''
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    const section = /^\[(.+)\]$/.exec(line)
    if (section) group = (section[1] ?? '').trim()
    else if (group && line.includes('=')) {
      const equals = line.indexOf('=')
      targets[`${group}: ${line.slice(0, equals).trim()}`] = line.slice(equals + 1).trim()
    }
  }
  return targets
}

/** `wheel.cli : main` and `wheel.cli:main` load the same object. */
export function normalTarget(target: string): string {
  return target.replace(/\s+/g, '')
}
