import type { Octokit } from './octokit.js'

export interface StickyComment {
  owner: string
  repo: string
  issueNumber: number
  marker: string
  body: string
}

export interface CommentResult {
  url: string
  action: 'created' | 'updated'
}

/** The comment that starts with the marker, searched page by page through the whole thread. */
export async function findStickyComment(octokit: Octokit, target: Omit<StickyComment, 'body'>) {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  })
  for await (const { data } of pages) {
    const found = data.find(comment => comment.body?.startsWith(target.marker))
    if (found) return found
  }
  return undefined
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
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: existing.id,
      body: target.body
    })
    return { url: data.html_url, action: 'updated' }
  }
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
    return { url: data.html_url, action: 'created' }
  } catch (error) {
    const status = (error as { status?: number }).status ?? 0
    if (status < 500) throw error
    const created = await findStickyComment(octokit, target)
    if (created) return upsertStickyComment(octokit, target)
    const { data } = await create()
    return { url: data.html_url, action: 'created' }
  }
}
