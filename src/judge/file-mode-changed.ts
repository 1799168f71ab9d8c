import type { Rule } from './types.js'

const EXECUTABLE = 0o111

export const fileModeChanged: Rule = {
  id: 'file-mode-changed',
  defaultSeverity: 'low',
  description:
    'A file became or stopped being executable, or changed type (file ↔ link); other permission changes are info.',
  check: ({ previous, current, files }) => [
    ...files.modeChanged.flatMap(path => {
      const before = previous.entries.get(path)?.mode ?? 0
      const after = current.entries.get(path)?.mode ?? 0
      const executable = ((before ^ after) & EXECUTABLE) !== 0
      // Installers apply only a wheel's executable bits: its other permission bits mean nothing.
      if (!executable && current.wheel) return []
      return {
        path,
        message: `${path} mode changed from ${octal(before)} to ${octal(after)}${executable ? ((after & EXECUTABLE) !== 0 ? ' (now executable)' : ' (no longer executable)') : ''}`,
        ...(!executable && { severity: 'info' as const })
      }
    }),
    ...files.typeChanged.map(path => {
      const before = previous.entries.get(path)?.type
      const after = current.entries.get(path)?.type
      return { path, message: `${path} changed from ${before} to ${after}` }
    })
  ]
}

export function octal(mode: number | undefined): string {
  return (mode ?? 0).toString(8).padStart(4, '0')
}
