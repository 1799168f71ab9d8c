const utf8 = new TextDecoder('utf-8', { fatal: true })
const latin1 = new TextDecoder('latin1')

import type { Entry } from './types.js'

/**
 * An entry's content as text, decoded on first use; undefined for binary, large or dropped content.
 * The text replaces the raw bytes on the entry, so a changed file is held once, not twice.
 */
export function entryText(entry: Entry | undefined): string | undefined {
  if (!entry) return undefined
  if (entry.text === undefined && entry.content) {
    entry.text = decodeText(entry.content)
    delete entry.content
  }
  return entry.text
}

/** UTF-8 when the bytes are valid UTF-8, else Latin-1, which maps every byte and so never loses one. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    return latin1.decode(bytes)
  }
}
