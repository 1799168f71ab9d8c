import { isValidName, normalizeName } from '../packaging/names.js'
import { withoutCredentials } from './credentials.js'
import { fetchWithRetry, HttpError, readText, type RetryPolicy } from './http.js'

/** One file a PEP 503/691 simple index lists for a project. */
export interface IndexFile {
  filename: string
  url: string
  sha256?: string
  /** Only when the index gives no sha256: md5 is weak, verified with a notice that says so. */
  md5?: string
  yanked: boolean
  /** PEP 740: where the index serves the file's provenance (its attestations and their publisher). */
  provenance?: string
}

export const DEFAULT_INDEX_URL = 'https://pypi.org/simple/'

const ACCEPT =
  'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01'

/** The project's files, or undefined when the index does not know the project (a new package). */
export async function listProjectFiles(
  indexUrl: string,
  project: string,
  retry?: RetryPolicy,
  fetcher?: typeof fetch
): Promise<IndexFile[] | undefined> {
  if (!isValidName(project))
    throw new Error(
      `"${project}" is not a valid project name (PEP 508): not looked up on the index`
    )
  // One path segment under the index, whatever the name holds.
  const pageUrl = new URL(
    `${encodeURIComponent(normalizeName(project))}/`,
    indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`
  ).href
  const response = await fetchWithRetry(pageUrl, { Accept: ACCEPT }, retry, fetcher)
  const shown = withoutCredentials(pageUrl)
  if (response.status === 404) {
    await response.body?.cancel()
    return undefined
  }
  if (!response.ok) {
    await response.body?.cancel()
    const hint =
      response.status === 401 || response.status === 403
        ? 'check the credentials in index-url'
        : 'check index-url'
    throw new HttpError(
      `the index answered HTTP ${response.status} for ${shown}; ${hint}`,
      response.status
    )
  }
  const type = response.headers.get('content-type') ?? ''
  const body = await readText(response, pageUrl, retry)
  const base = keepCredentials(response.url || pageUrl, pageUrl)
  try {
    return type.includes('json') ? parseJsonPage(body, base) : parseHtmlPage(body, base)
  } catch (error) {
    throw new Error(
      `the index page ${shown} is not a PEP 503/691 project page (${(error as Error).message})`
    )
  }
}

/** Files on the index's own host are fetched with its credentials (as pip does); other hosts get none. */
function keepCredentials(url: string, withCredentials: string): string {
  const target = new URL(url)
  const given = new URL(withCredentials)
  if (target.origin !== given.origin) return target.href
  target.username = given.username
  target.password = given.password
  return target.href
}

interface JsonFile {
  filename?: unknown
  url?: unknown
  hashes?: Record<string, unknown>
  yanked?: unknown
  provenance?: unknown
}

/** PEP 691: `{"files": [{"filename", "url", "hashes": {"sha256"}, "yanked"}]}`. */
export function parseJsonPage(body: string, base: string): IndexFile[] {
  const page = JSON.parse(body) as { files?: JsonFile[] }
  if (!Array.isArray(page.files)) throw new Error('no "files" list')
  return page.files.flatMap(file => {
    if (typeof file.filename !== 'string' || typeof file.url !== 'string') return []
    const hash = (name: string) => {
      const value = file.hashes?.[name]
      return typeof value === 'string' ? value.toLowerCase() : undefined
    }
    const sha256 = hash('sha256')
    const md5 = sha256 ? undefined : hash('md5')
    const yanked = file.yanked !== undefined && file.yanked !== false
    return [
      {
        filename: file.filename,
        url: new URL(file.url, base).href,
        yanked,
        ...(typeof file.provenance === 'string' && {
          provenance: new URL(file.provenance, base).href
        }),
        ...(sha256 && { sha256 }),
        ...(md5 && { md5 })
      }
    ]
  })
}

const ANCHOR = /<a\s([^>]*)>([^<]*)<\/a>/gi
const ATTRIBUTE = /([\w-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g

/** PEP 503: one anchor per file, `#sha256=` in the URL fragment, `data-yanked` marks yanked files. */
export function parseHtmlPage(body: string, base: string): IndexFile[] {
  const files: IndexFile[] = []
  for (const [, attributeText = '', text = ''] of body.matchAll(ANCHOR)) {
    const attributes = new Map<string, string>()
    for (const [, name = '', a, b, c] of attributeText.matchAll(ATTRIBUTE)) {
      attributes.set(name.toLowerCase(), decodeEntities(a ?? b ?? c ?? ''))
    }
    const href = attributes.get('href')
    if (!href) continue
    const url = new URL(href, base)
    const sha256 = sha256FromFragment(url)
    const md5 = sha256 ? undefined : md5FromFragment(url)
    url.hash = ''
    const provenance = attributes.get('data-provenance')
    files.push({
      filename: decodeEntities(text).trim(),
      url: url.href,
      yanked: attributes.has('data-yanked'),
      ...(provenance && { provenance: new URL(provenance, base).href }),
      ...(sha256 && { sha256 }),
      ...(md5 && { md5 })
    })
  }
  return files
}

/** The `#sha256=…` a PEP 503 link (or a user's URL) carries in its fragment, lower-cased. */
export function sha256FromFragment(url: URL): string | undefined {
  return /(?:^|&)sha256=([0-9a-f]{64})/i.exec(url.hash.slice(1))?.[1]?.toLowerCase()
}

function md5FromFragment(url: URL): string | undefined {
  return /(?:^|&)md5=([0-9a-f]{32})/i.exec(url.hash.slice(1))?.[1]?.toLowerCase()
}

// Hand-written: PEP 503 pages only need the five XML entities and numeric references decoded.
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
    return named[entity.toLowerCase()] ?? whole
  })
}
