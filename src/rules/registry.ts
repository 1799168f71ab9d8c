import { fileAdded } from './file-added.js'
import { fileModeChanged } from './file-mode-changed.js'
import { fileRemoved } from './file-removed.js'
import { fileRenamed } from './file-renamed.js'
import { sensitiveFileAdded } from './sensitive-file-added.js'
import type { Rule } from './types.js'
import { unsafeArchiveEntry } from './unsafe-archive-entry.js'

/** Every rule, in the order findings of equal severity are listed. */
export const RULES: readonly Rule[] = [
  unsafeArchiveEntry,
  sensitiveFileAdded,
  fileRemoved,
  fileAdded,
  fileRenamed,
  fileModeChanged
]

export function findRule(id: string): Rule | undefined {
  return RULES.find(rule => rule.id === id)
}
