/**
 * Core metadata (PKG-INFO / METADATA), Metadata-Version 1.0 to 2.4: RFC 822-style headers, the body as
 * the description. Hand-written because no maintained npm package parses it; Python's email parser is the
 * reference, and like it this never throws: malformed lines are kept in `malformed`.
 */
export interface CoreMetadata {
  /** Lower-case field name → values in file order (multiple-use fields have several). */
  fields: Map<string, string[]>
  description: string
  malformed: string[]
}

export function parseCoreMetadata(text: string): CoreMetadata {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const fields = new Map<string, string[]>()
  const malformed: string[] = []
  let last: { name: string; values: string[] } | undefined
  let index = 0
  for (; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (line === '') {
      index++
      break
    }
    if (/^[ \t]/.test(line)) {
      if (last) last.values[last.values.length - 1] += '\n' + unfold(line)
      else malformed.push(line)
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0 || !/^[!-9;-~]+$/.test(line.slice(0, colon))) {
      malformed.push(line)
      last = undefined
      continue
    }
    const name = line.slice(0, colon).toLowerCase()
    const values = fields.get(name) ?? []
    values.push(line.slice(colon + 1).trim())
    fields.set(name, values)
    last = { name, values }
  }
  const body = lines.slice(index).join('\n')
  const description = body.trim() !== '' ? body : (fields.get('description')?.[0] ?? '')
  return { fields, description, malformed }
}

/** setuptools indents continuation lines by eight spaces, or by seven and a `|` for Description. */
function unfold(line: string): string {
  return line.replace(/^(?: {7}\||[ \t]{1,8})/, '')
}

/** The first value of a single-use field, trimmed; undefined when absent or empty. */
export function field(metadata: CoreMetadata, name: string): string | undefined {
  const value = metadata.fields.get(name.toLowerCase())?.[0]?.trim()
  return value === '' || value === undefined ? undefined : value
}

/** Every value of a multiple-use field, empty values dropped. */
export function fieldValues(metadata: CoreMetadata, name: string): string[] {
  return (metadata.fields.get(name.toLowerCase()) ?? []).map(v => v.trim()).filter(v => v !== '')
}
