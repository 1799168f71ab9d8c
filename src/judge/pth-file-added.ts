import { entryText } from '../read/decode-text.js'
import type { CurrentRule } from './types.js'

/**
 * A `.pth` file in site-packages is read at every interpreter start; a line that starts with `import` is
 * executed then (the technique of several malicious releases). Plain lines only extend sys.path.
 */
export const pthFileAdded: CurrentRule = {
  id: 'pth-file-added',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    'A new or changed .pth file: high when a line starts with `import` (it runs at every Python start), low for plain path lines.',
  check: ({ changed, archive: current }) =>
    changed
      .filter(path => path.endsWith('.pth'))
      .map(path => {
        const lines = (entryText(current.entries.get(path)) ?? '').split(/\r?\n/)
        const index = lines.findIndex(line => /^import[\s\t]/.test(line))
        return index >= 0
          ? {
              path,
              message: `${path}:${index + 1} starts with "import": Python executes it at every interpreter start once installed`
            }
          : {
              path,
              severity: 'low' as const,
              message: `${path} adds import paths (sys.path entries) at every interpreter start`
            }
      })
}
