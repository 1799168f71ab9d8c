import { describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import { htmlText, markdownText } from '../../src/render/escape.js'

const shapes = [
  'https://134744072/x',
  'http://127.0.0.1:8080/a',
  'https://[::1]/x',
  'https://evil.example/login',
  'ftp://files/x',
  'www.evil.example',
  'WWW.evil.example/path',
  'see https://evil/track?id=1 now',
  '@acme/security-team <img src=https://t.example/p.png>'
]

describe('autolinks, mentions and images in untrusted text are defused', () => {
  it.each(shapes)('%s renders no link, image or mention', text => {
    for (const escaped of [markdownText(text), htmlText(text)]) {
      const html = marked.parse(escaped, { gfm: true, async: false })
      expect(html).not.toMatch(/<a |<img /)
      expect(escaped).not.toMatch(/:\/\/|www\\?\.|@[\w-]/i)
    }
  })
})
