/**
 * `https://user:token@host/simple/` (Artifactory, devpi, GitLab, a private mirror): fetch refuses a URL
 * that holds credentials, so they travel as an `Authorization: Basic` header instead, and every message
 * shows the URL without them.
 */
export function splitCredentials(url: string): { url: string; authorization?: string } {
  const parsed = URL.canParse(url) ? new URL(url) : undefined
  if (!parsed || (!parsed.username && !parsed.password)) return { url }
  const pair = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`
  return {
    url: withoutCredentials(url),
    authorization: `Basic ${Buffer.from(pair).toString('base64')}`
  }
}

/** The URL as it may be shown: no user name or password. */
export function withoutCredentials(url: string): string {
  if (!URL.canParse(url)) return url.replace(/\/\/[^/@]*@/, '//')
  const parsed = new URL(url)
  parsed.username = ''
  parsed.password = ''
  return parsed.href
}

/** Every form in which a URL's credentials could appear in a log, for masking. */
export function credentialForms(url: string): string[] {
  const { authorization } = splitCredentials(url)
  if (!authorization) return []
  const parsed = new URL(url)
  const secret = parsed.password || parsed.username
  const forms = [secret, decodeURIComponent(secret), authorization.slice('Basic '.length)]
  return [...new Set(forms.filter(form => form.length >= 4))]
}
