import { DEFAULT_READ_LIMITS, type ReadLimits } from './read-archive.js'

/**
 * The read limits, with the archive cap (what an archive may expand to, and what an input read from a
 * pipe or device may hold) taken from SDIST_DIFF_ARCHIVE_CAP (MiB) when set: lower on a small runner,
 * higher for a release whose sdist really is that large.
 */
export function readLimitsFromEnv(env: NodeJS.ProcessEnv): ReadLimits {
  const mib = Number(env.SDIST_DIFF_ARCHIVE_CAP)
  return Number.isFinite(mib) && mib > 0
    ? { ...DEFAULT_READ_LIMITS, maxUnpackedBytes: Math.round(mib * 1024 ** 2) }
    : DEFAULT_READ_LIMITS
}
