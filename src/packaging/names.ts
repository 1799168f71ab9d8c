/** PEP 503 normalisation: `Click_Extra` and `click.extra` are both `click-extra`. */
export function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-')
}

/** PEP 508 / core metadata: a project name (letters, digits, `.`, `_`, `-`; alphanumeric at both ends). */
export function isValidName(name: string): boolean {
  return /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(name)
}
