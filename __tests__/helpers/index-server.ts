// A PEP 503 (HTML) and PEP 691 (JSON) simple index on 127.0.0.1, serving real sdists from memory.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { basename } from 'node:path'

export interface HostedFile {
  project: string
  path: string
  filename?: string
  /** The name in the file's URL, when the page lists it under another (hostile) file name. */
  servedAs?: string
  yanked?: boolean | string
  /** Advertise this hash instead of the real one. */
  advertisedSha256?: string
  /** PEP 740: the provenance object served for the file (listed as `provenance` / `data-provenance`). */
  provenance?: unknown
}

export interface IndexServer {
  url: string
  requests: string[]
  /** The Authorization header of each request, in order (undefined when there was none). */
  authorizations: (string | undefined)[]
  /** Answer the next `count` requests for `path` with `status`. */
  failNext(path: string, status: number, count?: number): void
  clearFailures(): void
  /** Answer `path` with a handler of the test's own (slow, redirecting, cut short, …). */
  handle(path: string, handler: (request: IncomingMessage, response: ServerResponse) => void): void
  close(): Promise<void>
}

interface Stored {
  filename: string
  servedAs: string
  body: Buffer
  sha256: string
  yanked?: boolean | string
  provenance?: unknown
}

export async function startIndexServer(
  files: HostedFile[],
  mode: 'json' | 'html' | 'both' = 'both',
  /** Answer 401 to any request without exactly this Authorization header (a private index). */
  authorization?: string
): Promise<IndexServer> {
  const projects = new Map<string, Stored[]>()
  for (const file of files) {
    const body = readFileSync(file.path)
    const stored: Stored = {
      filename: file.filename ?? basename(file.path),
      servedAs: file.servedAs ?? file.filename ?? basename(file.path),
      body,
      sha256: file.advertisedSha256 ?? createHash('sha256').update(body).digest('hex'),
      ...(file.yanked !== undefined && { yanked: file.yanked }),
      ...(file.provenance !== undefined && { provenance: file.provenance })
    }
    projects.set(file.project, [...(projects.get(file.project) ?? []), stored])
  }
  const failures = new Map<string, { status: number; count: number }>()
  const handlers = new Map<string, (request: IncomingMessage, response: ServerResponse) => void>()
  const requests: string[] = []
  const authorizations: (string | undefined)[] = []
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`)
    authorizations.push(request.headers.authorization)
    if (authorization !== undefined && request.headers.authorization !== authorization)
      return void response.writeHead(401, { 'www-authenticate': 'Basic' }).end('unauthorized')
    const handler = handlers.get(request.url ?? '')
    if (handler) return handler(request, response)
    const failure = failures.get(request.url ?? '')
    if (failure && failure.count > 0) {
      failure.count--
      response.writeHead(failure.status).end(`injected ${failure.status}`)
      return
    }
    route(request, response, projects, mode)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/simple/`,
    requests,
    authorizations,
    failNext: (path, status, count = 1) => failures.set(path, { status, count }),
    clearFailures: () => failures.clear(),
    handle: (path, handler) => handlers.set(path, handler),
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function route(
  request: IncomingMessage,
  response: ServerResponse,
  projects: Map<string, Stored[]>,
  mode: string
): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  const page = /^\/simple\/([^/]+)\/$/.exec(url.pathname)
  if (page) {
    const files = projects.get(page[1] ?? '')
    if (!files) return void response.writeHead(404).end('not found')
    const wantsJson = (request.headers.accept ?? '').includes('application/vnd.pypi.simple.v1+json')
    if (mode === 'json' || (mode === 'both' && wantsJson)) {
      response.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' })
      const json = files.map(f => ({
        filename: f.filename,
        url: `../../files/${page[1]}/${encodeURIComponent(f.servedAs)}`,
        hashes: { sha256: f.sha256 },
        ...(f.yanked !== undefined && { yanked: f.yanked }),
        ...(f.provenance !== undefined && {
          provenance: `../../provenance/${page[1]}/${encodeURIComponent(f.servedAs)}`
        })
      }))
      return void response.end(
        JSON.stringify({ meta: { 'api-version': '1.1' }, name: page[1], files: json })
      )
    }
    response.writeHead(200, { 'content-type': 'text/html' })
    const anchors = files.map(f => {
      const yanked = f.yanked ? ` data-yanked="${f.yanked === true ? '' : f.yanked}"` : ''
      const provenance =
        f.provenance !== undefined
          ? ` data-provenance="/provenance/${page[1]}/${encodeURIComponent(f.servedAs)}"`
          : ''
      return `<a href="/files/${page[1]}/${encodeURIComponent(f.servedAs)}#sha256=${f.sha256}"${yanked}${provenance}>${f.filename}</a><br/>`
    })
    return void response.end(
      `<!DOCTYPE html><html><body><h1>Links for ${page[1]}</h1>${anchors.join('\n')}</body></html>`
    )
  }
  const attested = /^\/provenance\/([^/]+)\/([^/]+)$/.exec(url.pathname)
  if (attested) {
    const found = projects
      .get(attested[1] ?? '')
      ?.find(f => f.servedAs === decodeURIComponent(attested[2] ?? ''))
    if (found?.provenance === undefined) return void response.writeHead(404).end('not found')
    response.writeHead(200, { 'content-type': 'application/vnd.pypi.integrity.v1+json' })
    return void response.end(JSON.stringify(found.provenance))
  }
  const file = /^\/files\/([^/]+)\/([^/]+)$/.exec(url.pathname)
  const stored =
    file && projects.get(file[1] ?? '')?.find(f => f.servedAs === decodeURIComponent(file[2] ?? ''))
  if (!stored) return void response.writeHead(404).end('not found')
  response.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': stored.body.length
  })
  response.end(stored.body)
}
