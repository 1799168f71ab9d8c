export function commentMarkdown(): string
export function commentHtml(markdown: string): string
