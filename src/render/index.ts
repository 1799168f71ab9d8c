import type { Report } from '../report/types.js'
import { renderJson } from './json.js'
import { renderMarkdown } from './markdown.js'
import { renderText } from './text.js'

export const FORMATS = ['text', 'markdown', 'json'] as const
export type Format = (typeof FORMATS)[number]

export function render(report: Report, format: Format): string {
  switch (format) {
    case 'json':
      return renderJson(report)
    case 'markdown':
      return renderMarkdown(report)
    case 'text':
      return renderText(report)
  }
}
