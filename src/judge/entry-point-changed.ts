import { normalTarget } from '../packaging/entry-points.js'
import type { Rule } from './types.js'

export const entryPointChanged: Rule = {
  id: 'entry-point-changed',
  defaultSeverity: 'medium',
  description:
    'A console/GUI script or plugin entry point now loads another object (`wheel.cli:main` → `wheel._commands:main`): the command runs other code.',
  check: ({ metadata }) => {
    const before = metadata.previous.entryPointTargets
    const after = metadata.current.entryPointTargets
    return Object.keys(after)
      .sort()
      .flatMap(name => {
        const old = before[name]
        const now = after[name]
        if (old === undefined || now === undefined || normalTarget(old) === normalTarget(now))
          return []
        return [{ message: `entry point ${name} now loads ${now} (was ${old})` }]
      })
  }
}
