import type { CurrentRule } from './types.js'

export const sdistMissing: CurrentRule = {
  id: 'sdist-missing',
  scope: 'current',
  defaultSeverity: 'low',
  description:
    'The published release has no sdist, so it is judged by its wheels: low when the previous release had one (source builds, and platforms no wheel serves, have nothing to install), info when neither had.',
  check: ({ withoutSdist, metadata }) => {
    if (!withoutSdist) return []
    const release = `${metadata.name} ${metadata.version}`
    if (withoutSdist.judgedAlone)
      return [{ severity: 'info', message: `${release} publishes no sdist: judged by its wheels` }]
    if (!withoutSdist.previousSdist)
      return [
        {
          severity: 'info',
          message: `${release} publishes no sdist, nor did the previous release: judged by its wheels`
        }
      ]
    return [
      {
        message: `${release} publishes no sdist (the previous release had ${withoutSdist.previousSdist}): judged by its wheels; source builds, and platforms no wheel serves, have nothing to install`
      }
    ]
  }
}
