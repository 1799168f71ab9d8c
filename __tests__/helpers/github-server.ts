// A GitHub REST stand-in on 127.0.0.1. Every request is matched to an operation of GitHub's published
// OpenAPI description (@octokit/openapi) and its query and body validated; every response it sends is
// validated against the operation's response schema and built from the description's examples.
import { expect } from '@jest/globals'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { githubOpenApi } from './github-openapi.js'

/* eslint-disable @typescript-eslint/no-explicit-any */
const spec = githubOpenApi()
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void
const ajv = new Ajv({ strict: false, allErrors: false })
addFormats(ajv)
ajv.addSchema({ $id: 'gh', components: spec.components })

const routes = Object.entries(spec.paths as Record<string, Record<string, any>>)
  .map(([template, item]) => ({
    template,
    item,
    params: (template.match(/\{/g) ?? []).length,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`)
  }))
  .sort((a, b) => a.params - b.params)

const compiled = new Map<string, ValidateFunction>()
function validator(key: string, schema: object): ValidateFunction {
  let validate = compiled.get(key)
  if (!validate) {
    validate = ajv.compile(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"gh#/components/'))
    )
    compiled.set(key, validate)
  }
  return validate
}

function resolveRef(node: any): any {
  if (!node?.$ref) return node
  return node.$ref
    .split('/')
    .slice(1)
    .reduce((at: any, key: string) => at[key], spec)
}

const example = (name: string) => structuredClone(spec.components.examples[name].value)

export interface Comment {
  id: number
  issue: number
  body: string
  created_at: string
  /** Who wrote it; default: the identity the server's token posts as. */
  user?: string
}

/** The login GITHUB_TOKEN posts as. */
export const BOT = 'github-actions[bot]'

export interface ServerOptions {
  /** The token is a personal token of this user (GET /user answers); default: GITHUB_TOKEN (403 there). */
  login?: string
  /** The origin the `Link` header's pages point to (an API that sends the client elsewhere). */
  pageOrigin?: string
}

export interface Fault {
  method: string
  path: RegExp
  status: number
  times: number
  headers?: Record<string, string>
  body?: object
  /** Answer with this HTML page instead of a JSON body (a proxy's error page). */
  html?: string
  /** Handle the request as usual, then answer with the fault's status (a write that "failed" late). */
  afterHandling?: boolean
}

export interface GitHubServer {
  url: string
  violations: string[]
  requests: string[]
  comments: Comment[]
  /** Open pull requests associated with a commit, by SHA. */
  pullsForCommit: Map<string, number[]>
  /** Pull requests by number, with their head commit (GET /repos/{o}/{r}/pulls/{n}). */
  pulls: Map<number, { headSha: string }>
  /** Stop answering: every later request is read and left hanging. */
  hang(): void
  fail(fault: Omit<Fault, 'times'> & { times?: number }): void
  close(): Promise<void>
}

export async function startGitHubServer(
  token: string,
  options: ServerOptions = {}
): Promise<GitHubServer> {
  const state: Omit<GitHubServer, 'url' | 'close' | 'fail' | 'hang'> = {
    violations: [],
    requests: [],
    comments: [],
    pullsForCommit: new Map(),
    pulls: new Map()
  }
  const faults: Fault[] = []
  const self = options.login ?? BOT
  let hanging = false
  let nextId = 1000
  const server = createServer(async (request, response) => {
    const body = await readBody(request)
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const method = (request.method ?? 'GET').toLowerCase()
    state.requests.push(`${request.method} ${url.pathname}${url.search}`)
    if (hanging) return
    const operation = checkRequest(method, url, body, request, token, state.violations)
    const fault = faults.find(
      f => f.method === request.method && f.path.test(url.pathname) && f.times > 0
    )
    if (fault) fault.times--
    if (fault?.html !== undefined) {
      response.writeHead(fault.status, { 'content-type': 'text/html; charset=utf-8' })
      return response.end(fault.html)
    }
    if (fault && !fault.afterHandling) {
      const payload = fault.body ?? {
        message: `injected ${fault.status}`,
        documentation_url: 'https://docs.github.com/rest'
      }
      return send(response, fault.status, payload, fault.headers)
    }
    const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
      checkResponse(
        operation,
        status,
        payload,
        state.violations,
        `${request.method} ${url.pathname}`
      )
      send(response, status, payload, headers)
    }
    const [, owner, repo, rest = ''] = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname) ?? []
    const html = (c: Comment) =>
      `https://github.com/${owner}/${repo}/pull/${c.issue}#issuecomment-${c.id}`
    const toJson = (c: Comment) => ({
      ...example('issue-comment'),
      user: userJson(c.user ?? self),
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${serverUrl}/repos/${owner}/${repo}/issues/comments/${c.id}`,
      html_url: html(c),
      issue_url: `${serverUrl}/repos/${owner}/${repo}/issues/${c.issue}`,
      body: c.body,
      created_at: c.created_at,
      updated_at: c.created_at
    })
    let match: RegExpExecArray | null
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(rest)) && method === 'get') {
      const issue = Number(match[1])
      const perPage = Number(url.searchParams.get('per_page') ?? 30)
      const page = Number(url.searchParams.get('page') ?? 1)
      const all = state.comments.filter(c => c.issue === issue)
      const last = Math.max(1, Math.ceil(all.length / perPage))
      const pages = options.pageOrigin ?? serverUrl
      const links =
        page < last
          ? {
              link: `<${pages}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next", <${pages}${url.pathname}?per_page=${perPage}&page=${last}>; rel="last"`
            }
          : undefined
      return reply(200, all.slice((page - 1) * perPage, page * perPage).map(toJson), links)
    }
    if (url.pathname === '/user' && method === 'get') {
      if (!options.login)
        return reply(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user'
        })
      return reply(200, { ...example('private-user'), ...userJson(options.login) })
    }
    if ((match = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'get') {
      const pull = state.pulls.get(Number(match[1]))
      if (!pull)
        return reply(404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest'
        })
      const template = example('pull-request')
      return reply(200, {
        ...template,
        number: Number(match[1]),
        state: 'open',
        requested_teams: [],
        head: { ...template.head, sha: pull.headSha }
      })
    }
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(rest)) && method === 'post') {
      const comment = {
        user: self,
        id: nextId++,
        issue: Number(match[1]),
        body: String((body as any)?.body),
        created_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z')
      }
      state.comments.push(comment)
      return reply(201, toJson(comment))
    }
    if ((match = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = state.comments.find(c => c.id === Number(match?.[1]))
      if (!comment)
        return reply(404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest'
        })
      if (method === 'delete') {
        state.comments.splice(state.comments.indexOf(comment), 1)
        return reply(204, undefined)
      }
      comment.body = String((body as any)?.body)
      return reply(200, toJson(comment))
    }
    if ((match = /^\/commits\/([^/]+)\/pulls$/.exec(rest)) && method === 'get') {
      const template = example('pull-request-simple-items')[0]
      const pulls = (state.pullsForCommit.get(match[1] ?? '') ?? []).map(number => ({
        ...template,
        number,
        state: 'open',
        requested_teams: []
      }))
      return reply(200, pulls)
    }
    reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return Object.assign(state, {
    url: serverUrl,
    fail: (fault: Omit<Fault, 'times'> & { times?: number }) => faults.push({ times: 1, ...fault }),
    hang: () => {
      hanging = true
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  })
}

function userJson(login: string) {
  const bot = login.endsWith('[bot]')
  return {
    ...example('simple-user'),
    login,
    type: bot ? 'Bot' : 'User',
    html_url: `https://github.com/${bot ? 'apps/' + login.slice(0, -5) : login}`
  }
}

function checkRequest(
  method: string,
  url: URL,
  body: unknown,
  request: IncomingMessage,
  token: string,
  violations: string[]
): any {
  const where = `${method.toUpperCase()} ${url.pathname}`
  const route = routes.find(r => r.pattern.test(url.pathname) && r.item[method])
  if (!route) {
    violations.push(`${where}: no such operation in GitHub's OpenAPI description`)
    return undefined
  }
  const operation = route.item[method]
  if (
    request.headers.authorization !== `token ${token}` &&
    request.headers.authorization !== `Bearer ${token}`
  ) {
    violations.push(`${where}: missing or wrong Authorization header`)
  }
  const parameters = [...(route.item.parameters ?? []), ...(operation.parameters ?? [])].map(
    resolveRef
  )
  for (const [name, value] of url.searchParams) {
    const parameter = parameters.find((p: any) => p.in === 'query' && p.name === name)
    if (!parameter) {
      violations.push(`${where}: query parameter ${name} is not in the operation`)
      continue
    }
    const typed = parameter.schema?.type === 'integer' ? Number(value) : value
    const validate = validator(`${operation.operationId}?${name}`, parameter.schema)
    if (!validate(typed))
      violations.push(`${where}: ${name}=${value} ${ajv.errorsText(validate.errors)}`)
  }
  const schema = operation.requestBody?.content?.['application/json']?.schema
  if (schema) {
    const validate = validator(`${operation.operationId}:body`, schema)
    if (!validate(body)) violations.push(`${where}: body ${ajv.errorsText(validate.errors)}`)
  }
  return operation
}

function checkResponse(
  operation: any,
  status: number,
  payload: unknown,
  violations: string[],
  where: string
): void {
  if (!operation || status >= 400) return
  const declared = operation.responses?.[String(status)]
  if (!declared) {
    violations.push(`${where}: status ${status} is not declared`)
    return
  }
  const schema = resolveRef(declared)?.content?.['application/json']?.schema
  if (!schema) return
  const validate = validator(`${operation.operationId}:${status}`, schema)
  if (!validate(payload)) violations.push(`${where}: response ${ajv.errorsText(validate.errors)}`)
}

function readBody(request: IncomingMessage): Promise<unknown> {
  return new Promise(resolve => {
    let text = ''
    request.on('data', chunk => (text += chunk))
    request.on('end', () => {
      try {
        resolve(text ? JSON.parse(text) : undefined)
      } catch {
        resolve(text)
      }
    })
  })
}

function send(
  response: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {}
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  response.end(payload === undefined ? '' : JSON.stringify(payload))
}

/** Closes a test's stand-in; any request or response outside GitHub's description fails the test. */
export async function closeChecked(server: GitHubServer | undefined): Promise<void> {
  await server?.close()
  if (server) expect(server.violations).toEqual([])
}
