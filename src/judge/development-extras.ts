import type { PackageMetadata } from '../read/package-metadata.js'

/** Extras named for development work: what they pull in is for the project's own contributors. */
const DEVELOPMENT_NAMES = new Set([
  'dev',
  'develop',
  'development',
  'test',
  'tests',
  'testing',
  'lint',
  'linting',
  'linters',
  'style',
  'format',
  'formatting',
  'typing',
  'types',
  'type',
  'mypy',
  'typecheck',
  'type-check',
  'check',
  'checks',
  'qa',
  'docs',
  'doc',
  'documentation',
  'cov',
  'coverage',
  'bench',
  'benchmark',
  'benchmarks',
  'release',
  'ci',
  'pre-commit'
])

/** Test, lint, type-check, docs and packaging tools: no user's import needs them. */
const DEVELOPMENT_TOOL =
  /^(?:pytest(?:-.+)?|coverage(?:-.+)?|covdefaults|hypothesis|tox(?:-.+)?|nox|mock|freezegun|time-machine|responses|pyfakefs|syrupy|nose2?|testfixtures|flake8(?:-.+)?|ruff|black|isort|pylint(?:-.+)?|pycodestyle|pyflakes|pre-commit|codespell|bandit|autopep8|yapf|pydocstyle|blacken-docs|check-manifest|pyupgrade|mypy|pyright|pytype|types-.+|.+-stubs|sphinx(?:-.+)?|sphinxcontrib-.+|furo|myst-parser|myst-nb|mkdocs(?:-.+)?|mkdocstrings(?:-.+)?|pydata-sphinx-theme|numpydoc|nbsphinx|towncrier|build|twine|wheel|setuptools-scm|check-wheel-contents|pip-tools|bump2version|bumpver)$/

/** The requirements the extra pulls in (its marker names it). */
function requirementKeys(metadata: PackageMetadata, extra: string): string[] {
  return metadata.requirements.filter(r => r.marker?.extras.includes(extra)).map(r => r.key)
}

/**
 * A development extra: named as one (`test`, `lint`, `docs`, …), or pulling in only development tools
 * in either release (a `check` extra of ruff and mypy under any name).
 */
export function isDevelopmentExtra(
  extra: string,
  metadata: { previous: PackageMetadata; current: PackageMetadata }
): boolean {
  if (DEVELOPMENT_NAMES.has(extra)) return true
  return [metadata.current, metadata.previous].some(side => {
    const keys = requirementKeys(side, extra)
    return keys.length > 0 && keys.every(key => DEVELOPMENT_TOOL.test(key))
  })
}
