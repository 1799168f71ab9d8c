// Renders the example pair's PR comment (the bundled CLI's Markdown) to docs/comment.html with a
// GitHub-flavoured Markdown renderer, and photographs it with headless Chromium into docs/comment.png.
// `--check` only verifies that docs/comment.html is current (CI runs it; the PNG is not compared).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { marked } from 'marked'

const EXAMPLE = [
  'examples/backend.ai-kernel-helper-24.3.0rc2.tar.gz',
  'examples/backend.ai-kernel-helper-24.3.0rc3.tar.gz'
]

const STYLE = `body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;
font-size:14px;line-height:1.5;color:#1f2328;background:#fff;margin:0;padding:24px}
.comment{max-width:900px;border:1px solid #d1d9e0;border-radius:6px}
.header{background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:8px 16px;border-radius:6px 6px 0 0;color:#59636e}
.body{padding:16px}h2,h3{margin:0 0 8px}h4{margin:16px 0 8px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d1d9e0;padding:4px 10px;text-align:left}
th{background:#f6f8fa}code{background:#eff1f3;border-radius:4px;padding:1px 4px;font-size:85%}
pre{background:#f6f8fa;padding:12px;border-radius:6px;overflow:auto}pre code{background:none;padding:0}
details{margin:6px 0}summary{cursor:pointer}td code{white-space:nowrap}`

export function commentMarkdown() {
  return execFileSync(
    process.execPath,
    ['dist/cli/index.js', ...EXAMPLE, '--format', 'markdown', '--fail-on', 'none'],
    {
      encoding: 'utf8'
    }
  )
}

export function commentHtml(markdown) {
  const body = marked.parse(markdown, { gfm: true, async: false })
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>sdist-diff comment</title><style>${STYLE}</style></head>
<body><div class="comment"><div class="header"><b>github-actions</b> bot commented</div>
<div class="body">
${body}</div></div></body></html>
`
}

/** The top of the README as GitHub renders it (its images resolved from docs/), for reviewers. */
export function readmeTopHtml(readme) {
  const top = readme.split('\n## The CLI')[0] ?? readme
  const body = marked.parse(top.replaceAll('](docs/', '](./'), { gfm: true, async: false })
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>README</title><style>${STYLE}
.readme{max-width:880px;border:1px solid #d1d9e0;border-radius:6px;padding:16px 32px}h1{border-bottom:1px solid #d1d9e0}
img{max-width:100%}</style></head><body><div class="readme">${body}</div></body></html>
`
}

function screenshot(htmlPath, pngPath, height = 900) {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync)
  if (!chromium) throw new Error('Chromium is not installed: apt-get install chromium')
  const profile = mkdtempSync(join(tmpdir(), 'sdist-diff-chromium-'))
  try {
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        `--window-size=980,${height}`,
        `--screenshot=${pngPath}`,
        `file://${htmlPath}`
      ],
      { stdio: 'ignore' }
    )
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const html = commentHtml(commentMarkdown())
  const htmlPath = join(process.cwd(), 'docs', 'comment.html')
  if (process.argv.includes('--check')) {
    if (!existsSync(htmlPath) || readFileSync(htmlPath, 'utf8') !== html) {
      console.error('docs/comment.html is stale: run npm run screenshot and commit docs/')
      process.exit(1)
    }
  } else {
    writeFileSync(htmlPath, html)
    screenshot(htmlPath, join(process.cwd(), 'docs', 'comment.png'))
    const readmePath = join(tmpdir(), 'sdist-diff-readme-top.html')
    writeFileSync(readmePath, readmeTopHtml(readFileSync('README.md', 'utf8')))
    // The page links docs/comment.png as ./comment.png: render it from beside it.
    const besideImages = join(process.cwd(), 'docs', '.readme-top.html')
    writeFileSync(besideImages, readFileSync(readmePath))
    try {
      screenshot(besideImages, join(process.cwd(), 'docs', 'readme-top.png'), 2400)
    } finally {
      rmSync(besideImages, { force: true })
      rmSync(readmePath, { force: true })
    }
    console.log('wrote docs/comment.html, docs/comment.png and docs/readme-top.png')
  }
}
