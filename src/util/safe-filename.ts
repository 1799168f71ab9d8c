const MAX_LENGTH = 200

/**
 * A file name from an index, a URL, an archive or an artifact is untrusted: before it becomes a path it
 * is reduced to its last segment, harmless characters only, no leading dot, bounded (the end, with the
 * extension, is kept). What is left can never name a parent folder or another folder.
 */
export function safeFilename(name: string, fallback = 'download.tar.gz'): string {
  const last = name.split(/[\\/]/).pop() ?? ''
  const cleaned = last
    .replace(/[^\w.+-]/g, '_')
    .slice(-MAX_LENGTH)
    .replace(/^\.+/, '')
  return cleaned || fallback
}
