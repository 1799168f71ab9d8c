const utf8 = new TextDecoder('utf-8', { fatal: true })
const latin1 = new TextDecoder('latin1')

import { declaredEncoding, decodePython } from './python-source.js'
import type { Entry } from './types.js'

/**
 * An entry's content as text, decoded on first use; undefined for binary, large or dropped content.
 * The text replaces the raw bytes on the entry, so a changed file is held once, not twice.
 */
export function entryText(entry: Entry | undefined): string | undefined {
  if (!entry || entry.binary) return undefined
  if (entry.text === undefined && entry.content) {
    entry.text = entry.path.endsWith('.py')
      ? pythonText(entry, entry.content)
      : decodeText(entry.content)
    delete entry.content
  }
  return entry.text
}

/** A module as Python reads it (PEP 263); an unusual declared encoding is noted on the entry. */
function pythonText(entry: Entry, bytes: Buffer): string {
  const declared = declaredEncoding(bytes)
  if (declared) entry.declaredEncoding = declared
  return decodePython(bytes, declared) ?? decodeText(bytes)
}

/** UTF-8 when the bytes are valid UTF-8, else Latin-1, which maps every byte and so never loses one. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    return latin1.decode(bytes)
  }
}

/**
 * The text the content checks read: entryText(), or for content with NUL bytes (one NUL byte makes a
 * file binary to a diff, not to a reader looking for secrets) its decoding, made afresh each time.
 */
export function scanText(entry: Entry | undefined): string | undefined {
  if (!entry?.binary) return entryText(entry)
  return entry.content && decodeText(entry.content)
}
