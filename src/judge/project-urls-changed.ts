import type { ProjectLink } from '../packaging/metadata.js'
import type { Rule } from './types.js'

/** PEP 753: labels compare lower-cased without punctuation or spaces (`Home-page` is `homepage`). */
const labelKey = (label: string) => label.toLowerCase().replace(/[^a-z0-9]/g, '')
const PEP_753_ALIASES: Record<string, string> = { download: 'downloadurl' }
const normalLabel = (label: string) => {
  const key = labelKey(label)
  return PEP_753_ALIASES[key] ?? key
}
/** `https://x/` and `https://x` are one page. */
const urlKey = (url: string) => url.trim().replace(/\/+$/, '').toLowerCase()
const show = (link: ProjectLink) => `${link.label} ${link.url}`

interface LinkChanges {
  dropped: ProjectLink[]
  added: ProjectLink[]
  changed: [ProjectLink, ProjectLink][]
  relabelled: [ProjectLink, ProjectLink][]
}

/** Pairs links by label first (a new URL for the docs), then by URL (a new label for the same page). */
function compareLinks(
  before: ProjectLink[],
  after: ProjectLink[],
  versionBumped: (a: ProjectLink, b: ProjectLink) => boolean
): LinkChanges {
  const left = [...before]
  const right = [...after]
  const take = (alike: (a: ProjectLink, b: ProjectLink) => boolean) => {
    const pairs: [ProjectLink, ProjectLink][] = []
    for (const old of [...left]) {
      const index = right.findIndex(now => alike(old, now))
      if (index < 0) continue
      pairs.push([old, ...right.splice(index, 1)] as [ProjectLink, ProjectLink])
      left.splice(left.indexOf(old), 1)
    }
    return pairs
  }
  const sameLabel = (a: ProjectLink, b: ProjectLink) =>
    normalLabel(a.label) === normalLabel(b.label)
  // The same link, or the docs of this version where the previous linked the docs of its own.
  take((a, b) => sameLabel(a, b) && (urlKey(a.url) === urlKey(b.url) || versionBumped(a, b)))
  const relabelled = take((a, b) => urlKey(a.url) === urlKey(b.url))
  const changed = take(sameLabel)
  return { dropped: left, added: right, changed, relabelled }
}

export const projectUrlsChanged: Rule = {
  id: 'project-urls-changed',
  defaultSeverity: 'low',
  description:
    'Home-page, Download-URL or Project-URL links were dropped: the index page loses them (low); links added, relabelled or pointing elsewhere are info.',
  check: ({ metadata }) => {
    const { previous, current } = metadata
    const { dropped, added, changed, relabelled } = compareLinks(
      previous.core.links,
      current.core.links,
      (a, b) =>
        previous.version !== '' &&
        urlKey(a.url.split(previous.version).join(current.version)) === urlKey(b.url)
    )
    const parts = [
      ...(dropped.length ? [`dropped from the index page: ${dropped.map(show).join(', ')}`] : []),
      ...changed.map(([old, now]) => `${old.label} now ${now.url} (was ${old.url})`),
      ...relabelled.map(([old, now]) => `${old.label} now labelled ${now.label}`),
      ...(added.length ? [`new: ${added.map(show).join(', ')}`] : [])
    ]
    if (!parts.length) return []
    return [
      {
        message: `project links changed: ${parts.join('; ')}`,
        ...(!dropped.length && { severity: 'info' as const })
      }
    ]
  }
}
