/** The proxy settings of the runner (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as a shell read them. */
export interface ProxySettings {
  httpsProxy?: string
  httpProxy?: string
  noProxy?: string
}

/** The variables curl, pip and the Actions toolkit honour, upper case first. */
export function proxySettingsFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  const first = (...names: string[]) =>
    names.map(name => env[name]?.trim()).find(value => value !== undefined && value !== '')
  const httpsProxy = first('HTTPS_PROXY', 'https_proxy')
  const httpProxy = first('HTTP_PROXY', 'http_proxy')
  const noProxy = first('NO_PROXY', 'no_proxy')
  return {
    ...(httpsProxy && { httpsProxy }),
    ...(httpProxy && { httpProxy }),
    ...(noProxy && { noProxy })
  }
}

/**
 * fetch through the proxy the settings name for the URL's scheme, NO_PROXY's hosts directly; undefined
 * when no proxy is set. (undici's EnvHttpProxyAgent does the same but is experimental and warns.)
 */
export function proxiedFetch(settings: ProxySettings): typeof fetch | undefined {
  const { httpsProxy, httpProxy } = settings
  if (!httpsProxy && !httpProxy) return undefined
  // undici is loaded with the first request through a proxy: a run that fetches nothing does not pay for it.
  let loaded: Promise<ProxiedFetch> | undefined
  const bypass = noProxyMatcher(settings.noProxy ?? '')
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (bypass(url)) return fetch(input, init)
    const { agents, undiciFetch } = await (loaded ??= loadProxied(settings))
    const agent = agents[url.protocol as keyof typeof agents]
    if (!agent) return fetch(input, init)
    return undiciFetch(input as string, { ...(init as object), dispatcher: agent })
  }) as typeof fetch
}

interface ProxiedFetch {
  agents: Record<'https:' | 'http:', import('undici').ProxyAgent | undefined>
  undiciFetch: typeof import('undici').fetch
}

async function loadProxied({ httpsProxy, httpProxy }: ProxySettings): Promise<ProxiedFetch> {
  const { ProxyAgent, fetch: undiciFetch } = await import('undici')
  const agents = {
    'https:': httpsProxy ? new ProxyAgent(httpsProxy) : undefined,
    'http:': httpProxy ? new ProxyAgent(httpProxy) : undefined
  }
  return { agents, undiciFetch }
}

/** NO_PROXY as curl reads it: `*`, or hosts and domains (`example.com`, `.example.com`), with an optional port. */
export function noProxyMatcher(noProxy: string): (url: URL) => boolean {
  const entries = noProxy
    .split(/[\s,]+/)
    .map(entry => entry.trim().toLowerCase())
    .filter(Boolean)
  if (entries.includes('*')) return () => true
  const rules = entries.map(entry => {
    const [, host = entry, port] = /^(.*?)(?::(\d+))?$/.exec(entry) ?? []
    return { domain: host.replace(/^\*?\./, ''), port }
  })
  return url => {
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '')
    const port = url.port || (url.protocol === 'https:' ? '443' : '80')
    return rules.some(
      rule =>
        (rule.port === undefined || rule.port === port) &&
        (host === rule.domain || host.endsWith(`.${rule.domain}`))
    )
  }
}
