/** PEP 503 normalisation: `Click_Extra` and `click.extra` are both `click-extra`. */
export function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-')
}
