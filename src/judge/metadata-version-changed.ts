import type { Rule } from './types.js'

export const metadataVersionChanged: Rule = {
  id: 'metadata-version-changed',
  defaultSeverity: 'info',
  description:
    'Metadata-Version changed (usually a new build backend); old installers may not read newer fields.',
  check: ({ metadata }) => {
    const before = metadata.previous.metadataVersion ?? '(none)'
    const after = metadata.current.metadataVersion ?? '(none)'
    return before === after
      ? []
      : [{ path: 'PKG-INFO', message: `Metadata-Version ${before} → ${after}` }]
  }
}
