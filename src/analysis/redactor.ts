const REDACTED = '‹redacted›'

/**
 * Replaces every secret value in a text; a multi-line value (a private key) line by line, so that the
 * lines of a diff that show it are redacted too. Key block markers (`-----BEGIN …-----`) stay.
 */
export function redactor(values: string[]): (text: string) => string {
  const pieces = [
    ...new Set(
      values.flatMap(value =>
        value
          .split('\n')
          .map(line => line.trim())
          .filter(line => line.length >= 8 && !/^-----(?:BEGIN|END)[A-Z ]*-----$/.test(line))
      )
    )
  ].sort((a, b) => b.length - a.length)
  if (!pieces.length) return text => text
  return text => pieces.reduce((out, piece) => out.split(piece).join(REDACTED), text)
}
