const utf8 = new TextDecoder('utf-8', { fatal: true })
const latin1 = new TextDecoder('latin1')

import type { Entry } from './types.js'

const decoded = new WeakMap<Buffer, string>()

/** An entry's content as text, decoded on first use; undefined for binary, large or dropped content. */
export function entryText(entry: Entry | undefined): string | undefined {
  const content = entry?.content
  if (!content) return undefined
  let text = decoded.get(content)
  if (text === undefined) {
    text = decodeText(content)
    decoded.set(content, text)
  }
  return text
}

/** UTF-8 when the bytes are valid UTF-8, else Latin-1, which maps every byte and so never loses one. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    return latin1.decode(bytes)
  }
}
