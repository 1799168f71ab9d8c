import type { Rule } from './types.js'

/** `group: name` → group and name. */
function split(entryPoint: string): [string, string] {
  const colon = entryPoint.indexOf(': ')
  return colon < 0 ? ['', entryPoint] : [entryPoint.slice(0, colon), entryPoint.slice(colon + 2)]
}

/** Entry points removed, one finding per group: six plugins of one group going is one change. */
export const entryPointRemoved: Rule = {
  id: 'entry-point-removed',
  defaultSeverity: 'medium',
  description:
    'A console/GUI script or entry point (entry_points.txt or [project.scripts]) vanished: commands and plugins break. One finding per group.',
  check: ({ metadata }) => {
    const byGroup = new Map<string, string[]>()
    for (const entryPoint of metadata.previous.entryPoints) {
      if (metadata.current.entryPoints.includes(entryPoint)) continue
      const [group, name] = split(entryPoint)
      byGroup.set(group, [...(byGroup.get(group) ?? []), name])
    }
    return [...byGroup].map(([group, names]) => ({
      message:
        names.length === 1
          ? `entry point ${group}: ${names[0]} was removed`
          : `${names.length} entry points of ${group} were removed: ${names.join(', ')}`
    }))
  }
}
