import * as core from '@actions/core'
import { RequestError } from '@octokit/request-error'
import type { Octokit } from './octokit.js'

export interface StickyComment {
  owner: string
  repo: string
  issueNumber: number
  marker: string
  /** The login this run posts as: only its own comments are ever read as ours or edited. */
  author: string
  body: string
}

export interface CommentResult {
  url: string
  action: 'created' | 'updated'
}

/**
 * Every comment of ours — written by `author` and starting with the marker — oldest first, searched page
 * by page through the thread. A marker in anyone else's comment is ignored.
 */
async function stickyComments(
  octokit: Octokit,
  target: Omit<StickyComment, 'body'>,
  firstOnly: boolean
) {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  })
  const found = []
  for await (const { data, headers, url } of pages) {
    for (const comment of data)
      if (comment.user?.login === target.author && comment.body?.startsWith(target.marker))
        found.push(comment)
    if (firstOnly && found.length) break
    const elsewhere = offOriginNext(headers.link, url)
    if (elsewhere) {
      core.warning(
        `sdist-diff: stopped reading the comments of #${target.issueNumber}: the API's next page is on ${elsewhere}, not ${new URL(url).origin} (GITHUB_API_URL); the token goes nowhere else`
      )
      break
    }
  }
  return found.sort((a, b) => a.id - b.id)
}

/** The origin of a `Link: rel="next"` page that is not the origin of the page that linked it. */
function offOriginNext(link: string | undefined, url: string): string | undefined {
  const next = /<([^>]*)>;\s*rel="next"/.exec(link ?? '')?.[1]
  if (next === undefined) return undefined
  const origin = URL.canParse(next, url) ? new URL(next, url).origin : next
  return origin === new URL(url).origin ? undefined : origin
}

export async function findStickyComment(octokit: Octokit, target: Omit<StickyComment, 'body'>) {
  return (await stickyComments(octokit, target, true))[0]
}

/**
 * Two runs racing on one pull request can both find no comment and both create one. Each run then keeps
 * the oldest, writes its body there and deletes the newer ones, so the thread ends with one comment.
 */
async function settleDuplicates(
  octokit: Octokit,
  target: StickyComment
): Promise<CommentResult | undefined> {
  const [oldest, ...newer] = await stickyComments(octokit, target, false)
  if (!oldest || newer.length === 0) return undefined
  for (const comment of newer) {
    await octokit.rest.issues
      .deleteComment({ owner: target.owner, repo: target.repo, comment_id: comment.id })
      .catch((error: unknown) => {
        if (!(error instanceof RequestError && error.status === 404)) throw error
      })
  }
  return updateInPlace(octokit, target, oldest.id)
}

async function updateInPlace(
  octokit: Octokit,
  target: StickyComment,
  id: number
): Promise<CommentResult> {
  const { data } = await octokit.rest.issues.updateComment({
    owner: target.owner,
    repo: target.repo,
    comment_id: id,
    body: target.body
  })
  return { url: data.html_url, action: 'updated' }
}

/**
 * Updates the comment in place, or creates it once. Creating is not idempotent, so it is not retried
 * blindly: after a failed create the thread is searched again before one more try.
 */
export async function upsertStickyComment(
  octokit: Octokit,
  target: StickyComment
): Promise<CommentResult> {
  const existing = await findStickyComment(octokit, target)
  if (existing) return updateInPlace(octokit, target, existing.id)
  const create = () =>
    octokit.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      body: target.body,
      request: { retries: 0 }
    })
  try {
    const { data } = await create()
    return (await settleDuplicates(octokit, target)) ?? { url: data.html_url, action: 'created' }
  } catch (error) {
    if (!(error instanceof RequestError && error.status >= 500)) throw error
    const created = await findStickyComment(octokit, target)
    if (created) return upsertStickyComment(octokit, target)
    const { data } = await create()
    return { url: data.html_url, action: 'created' }
  }
}
