import type { Rule } from './types.js'

export const entryPointRemoved: Rule = {
  id: 'entry-point-removed',
  defaultSeverity: 'medium',
  description:
    'A console/GUI script or entry point (entry_points.txt or [project.scripts]) vanished: commands and plugins break.',
  check: ({ metadata }) =>
    metadata.previous.entryPoints
      .filter(name => !metadata.current.entryPoints.includes(name))
      .map(name => ({ message: `entry point ${name} was removed` }))
}
