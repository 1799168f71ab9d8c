import type { Rule } from './types.js'

export const fileModeChanged: Rule = {
  id: 'file-mode-changed',
  defaultSeverity: 'low',
  description: 'A file changed permissions (e.g. became executable) or changed type (file ↔ link).',
  check: ({ previous, current, files }) => [
    ...files.modeChanged.map(path => {
      const before = previous.entries.get(path)?.mode ?? 0
      const after = current.entries.get(path)?.mode ?? 0
      return { path, message: `${path} mode changed from ${octal(before)} to ${octal(after)}` }
    }),
    ...files.typeChanged.map(path => {
      const before = previous.entries.get(path)?.type
      const after = current.entries.get(path)?.type
      return { path, message: `${path} changed from ${before} to ${after}` }
    })
  ]
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0')
}
