// What a careful maintainer says about each real release pair in ../shared/real-sdists (README there):
// the headline, every finding above info with the reason the maintainer agrees, and the noise that
// must stay at info or away. judgement.test.ts checks the reports against these tables.

export type Level = 'high' | 'medium' | 'low' | 'info'

/** A finding the maintainer wants: its rule and severity, a subject its message or path holds. */
export interface Expected {
  /** `rule:severity`. */
  finding: string
  /** Text the message (or path) holds: the dependency, path or value the finding is about. */
  subject: string
  /** Why a careful maintainer agrees with it, at that severity. */
  reason: string
}

/** Noise: a finding that, if present at all, must be info (a development pin, a cleanup). */
export interface Quiet {
  rule: string
  subject: string
  /** Why a maintainer would dismiss it above info. */
  reason: string
}

export interface Judgement {
  pair: string
  risk: Level
  findings: Expected[]
  /** Present in the report, but only at info. */
  atInfo?: Quiet[]
}

/** Rules of the code analysis (src/analysis/): judged in their own table, CODE_FINDINGS, below. */
export const CODE_RULES = ['suspicious-code', 'capability-added']

/**
 * Findings of CODE_RULES, at any severity, per project (none listed: none expected). No real pair
 * here adds code that downloads, spawns, evaluates or hides anything.
 */
export const CODE_FINDINGS: Record<string, Expected[]> = {}

const PY38_DROPPED = 'Python 3.8 is no longer supported'
const dropReason = (what: string) =>
  `Requires-Python narrowed (${what}): users on the dropped Pythons stop getting updates, the one change every user must know`

export const JUDGEMENTS: Record<string, Judgement> = {
  anyio: {
    pair: '4.11.0 → 4.12.0',
    risk: 'low',
    findings: [
      {
        finding: 'dependency-removed:low',
        subject: 'sniffio>=1.1',
        reason:
          'sniffio is no longer installed with anyio: code that imported it without requiring it breaks'
      }
    ],
    atInfo: [
      {
        rule: 'dependency-tightened',
        subject: 'trio allows fewer versions, now declared per environment marker',
        reason:
          'the trio extra was split by Python version: one finding; only the minimum rose (0.32 on Python ≥ 3.10), only through an extra, so pip upgrades trio and nothing is capped'
      }
    ]
  },
  build: {
    pair: '1.2.2.post1 → 1.3.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: PY38_DROPPED,
        reason: dropReason('>= 3.8 → >= 3.9')
      },
      {
        finding: 'extra-removed:low',
        subject: '"docs", "test", "typing" moved to [dependency-groups]',
        reason:
          'one finding for the PEP 735 migration: `pip install build[test]` now warns, which scripts and CI configs must follow'
      },
      {
        finding: 'build-requirements-changed:low',
        subject: 'flit-core>=3.8 → flit-core>=3.11',
        reason: 'packagers building from source need flit-core 3.11 now'
      }
    ],
    atInfo: [
      {
        rule: 'dependency-tightened',
        subject: 'virtualenv allows fewer versions, now declared per environment marker',
        reason:
          'the virtualenv extra re-pinned per Python: one finding; every Python only gets a higher minimum, through an extra'
      },
      {
        rule: 'license-changed',
        subject: 'MIT',
        reason: 'the MIT classifier became License-Expression: MIT, the same licence'
      }
    ]
  },
  certifi: {
    pair: '2024.8.30 → 2024.12.14',
    risk: 'info',
    findings: [],
    atInfo: [
      {
        rule: 'classifier-added',
        subject: '3.13',
        reason: 'a newly supported Python, nothing lost'
      }
    ]
  },
  coverage: {
    pair: '7.10.7 → 7.11.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: 'Python 3.9 is no longer supported',
        reason: dropReason('>=3.9 → >=3.10')
      },
      {
        finding: 'file-removed:low',
        subject: 'folder tests/gold/html/partial_626/ was removed (4 files',
        reason:
          'a test fixture folder gone whole, one finding: packagers running the tests from the sdist see it'
      },
      {
        finding: 'file-removed:low',
        subject: 'folder benchmark/ was removed (6 files',
        reason: 'the benchmark suite is no longer shipped in the sdist'
      }
    ]
  },
  'django-allauth': {
    pair: '65.14.3 → 65.15.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: 'Python 3.8, 3.9 are no longer supported',
        reason: dropReason('>=3.8 → >=3.10, two Pythons at once')
      }
    ]
  },
  'django-debug-toolbar': {
    pair: '6.2.0 → 6.3.0',
    risk: 'info',
    findings: [],
    atInfo: [
      {
        rule: 'file-removed',
        subject: 'requirements_dev.txt',
        reason:
          'contributors install [dependency-groups] dev now; no build or install read the file (it was low, and made a translations release "low")'
      }
    ]
  },
  flake8: {
    pair: '7.1.2 → 7.2.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: 'Python 3.8.1 and later 3.8 releases are no longer supported',
        reason: dropReason('>=3.8.1 → >=3.9')
      },
      {
        finding: 'dependency-changed:medium',
        subject: 'pycodestyle changed (2.12.x no longer allowed; 2.13.x newly allowed)',
        reason:
          'flake8 pins pycodestyle to one minor series; an environment holding 2.12 must move with it'
      },
      {
        finding: 'dependency-changed:medium',
        subject: 'pyflakes changed (3.2.x no longer allowed; 3.3.x newly allowed)',
        reason: 'the same lockstep pin for pyflakes: every install changes pyflakes series'
      }
    ]
  },
  humanize: {
    pair: '4.15.0 → 4.16.0',
    risk: 'info',
    findings: [],
    atInfo: [
      {
        rule: 'file-removed',
        subject: '.github/zizmor.yml',
        reason: 'a CI linter configuration: no user, build or test run reads it (it was low)'
      },
      {
        rule: 'dependency-tightened',
        subject: 'pytest',
        reason: 'a pin of the development extra `tests`: contributors only'
      },
      {
        rule: 'dependency-added',
        subject: 'pytest-benchmark',
        reason: 'a benchmark plugin in the development extra `tests`'
      },
      {
        rule: 'dependency-added',
        subject: 'pytest-codspeed',
        reason: 'a benchmark plugin in the development extra `tests`'
      }
    ]
  },
  isort: {
    pair: '5.13.2 → 6.0.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: PY38_DROPPED,
        reason: dropReason('>=3.8.0 → >=3.9.0')
      },
      {
        finding: 'dependency-added:low',
        subject: 'setuptools; extra == "plugins"',
        reason:
          'the plugins extra now installs setuptools: users of isort[plugins] get a new package'
      },
      {
        finding: 'project-urls-changed:low',
        subject:
          'Home-page https://pycqa.github.io/isort/, Documentation https://pycqa.github.io/isort/, Repository https://github.com/pycqa/isort',
        reason:
          'the index page loses the documentation and repository links (only Changelog is left): a packaging slip to fix'
      }
    ],
    atInfo: [
      {
        rule: 'build-backend-changed',
        subject: 'poetry.core.masonry.api to hatchling.build',
        reason: 'a backend migration the metadata shows changed nothing users install'
      },
      {
        rule: 'dependency-loosened',
        subject: 'colorama',
        reason: 'the colors extra allows more colorama versions: nothing breaks'
      }
    ]
  },
  jsonschema: {
    pair: '4.22.0 → 4.23.0',
    risk: 'info',
    findings: [],
    atInfo: [
      {
        rule: 'dependency-tightened',
        subject: 'webcolors',
        reason: 'a raised minimum only the format-nongpl extra reaches: pip upgrades it'
      }
    ]
  },
  markupsafe: {
    pair: '2.1.5 → 3.0.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: 'Python 3.7, 3.8 are no longer supported',
        reason: dropReason('>=3.7 → >=3.9')
      },
      {
        finding: 'project-urls-changed:low',
        subject: 'Home-page https://palletsprojects.com/p/markupsafe/, Issue Tracker',
        reason: 'the index page loses the home page and issue tracker links'
      }
    ],
    atInfo: [
      {
        rule: 'build-backend-changed',
        subject: 'setuptools.build_meta',
        reason: 'setup.py → pyproject.toml on the same backend'
      }
    ]
  },
  mypy_extensions: {
    pair: '1.0.0 → 1.1.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: 'Python 3.5–3.7 are no longer supported',
        reason: dropReason('>=3.5 → >=3.8')
      }
    ],
    atInfo: [
      {
        rule: 'dynamic-fields-changed',
        subject: 'no longer Dynamic',
        reason:
          'setuptools marked setup.py fields Dynamic; flit fixes them in the sdist, so wheels must match it: nothing to act on (it was low)'
      },
      {
        rule: 'build-backend-changed',
        subject: 'flit_core.buildapi',
        reason: 'setup.py → flit_core: the metadata shows what users get, and it is the same'
      }
    ]
  },
  pelican: {
    pair: '4.10.2 → 4.11.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: 'Python 3.8.1 and later 3.8 releases are no longer supported',
        reason: dropReason('<4.0,>=3.8.1 → <4.0,>=3.9')
      },
      {
        finding: 'dependency-tightened:medium',
        subject: 'pygments<2.19.0,>=2.16.1',
        reason:
          'a new cap on a core dependency: environments with pygments 2.19 conflict or are downgraded'
      }
    ],
    atInfo: [
      {
        rule: 'dependency-removed',
        subject: 'backports-zoneinfo',
        reason: 'its marker (python < 3.9) can no longer hold once 3.8 is dropped'
      }
    ]
  },
  pyflakes: {
    pair: '3.2.0 → 3.3.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: PY38_DROPPED,
        reason: dropReason('>=3.8 → >=3.9')
      }
    ]
  },
  pytest: {
    pair: '8.3.5 → 8.4.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: PY38_DROPPED,
        reason: dropReason('>=3.8 → >=3.9')
      },
      {
        finding: 'dependency-changed:medium',
        subject: 'pygments>=2.7.2 (now required by every install; was only in `dev`)',
        reason: 'every pytest install now pulls pygments, which only the dev extra did'
      },
      ...['colorama', 'iniconfig', 'packaging'].map(name => ({
        finding: 'dependency-tightened:low',
        subject: `${name} allows fewer versions`,
        reason: `a minimum for ${name} where there was none: very old installs get upgraded, nothing is capped`
      })),
      {
        finding: 'file-removed:low',
        subject: 'src/_pytest/python_path.py',
        reason: 'a module of the package is gone: plugins importing _pytest.python_path break'
      }
    ]
  },
  rich: {
    pair: '14.0.0 → 14.1.0',
    risk: 'low',
    findings: [
      {
        finding: 'dependency-removed:low',
        subject: 'typing-extensions<5.0,>=4.0.0; python_version < "3.11"',
        reason:
          'rich no longer brings typing-extensions below 3.11: code relying on it transitively breaks'
      }
    ]
  },
  six: { pair: '1.16.0 → 1.17.0', risk: 'info', findings: [] },
  typing_extensions: {
    pair: '4.12.2 → 4.13.0',
    risk: 'low',
    findings: [
      {
        finding: 'build-requirements-changed:low',
        subject: 'flit-core<4,>=3.4 → flit-core<4,>=3.11',
        reason: 'packagers building from source need flit-core 3.11 now'
      }
    ],
    atInfo: [
      {
        rule: 'license-changed',
        subject: 'PSF-2.0',
        reason: 'the PSF classifier became License-Expression: PSF-2.0, the same licence'
      }
    ]
  },
  werkzeug: {
    pair: '3.0.6 → 3.1.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: PY38_DROPPED,
        reason: dropReason('>=3.8 → >=3.9')
      },
      {
        finding: 'file-removed:low',
        subject: 'src/werkzeug/datastructures/',
        reason:
          'the datastructures .pyi stubs are gone (annotations moved inline): type checkers read other types'
      }
    ],
    atInfo: [
      {
        rule: 'file-removed',
        subject: 'requirements/tests38.txt',
        reason: 'the CI pins for the dropped Python 3.8; no build file names the file (it was low)'
      }
    ]
  },
  wheel: {
    pair: '0.45.1 → 0.46.0',
    risk: 'high',
    findings: [
      {
        finding: 'requires-python-narrowed:high',
        subject: PY38_DROPPED,
        reason: dropReason('>=3.8 → >=3.9')
      },
      {
        finding: 'dependency-added:medium',
        subject: 'packaging>=24.0',
        reason: 'every install now pulls packaging (it was vendored before)'
      },
      {
        finding: 'entry-point-removed:medium',
        subject: 'distutils.commands: bdist_wheel',
        reason: '`setup.py bdist_wheel` no longer comes from wheel (setuptools provides it now)'
      },
      {
        finding: 'entry-point-changed:medium',
        subject: 'wheel._commands:main (was wheel.cli:main)',
        reason:
          'the `wheel` command now runs wheel._commands:main: wrappers calling wheel.cli:main break (the cli package became _commands)'
      },
      {
        finding: 'file-removed:low',
        subject: '22 files removed under src/wheel/: vendored/ (18 files)',
        reason:
          'the vendored packaging (named as one folder) and the bdist_wheel implementation are gone: code importing wheel.vendored.packaging breaks, and setuptools provides bdist_wheel now'
      },
      {
        finding: 'file-removed:low',
        subject: 'tests/',
        reason: 'test data (the macOS .dylib fixtures, named) is no longer shipped'
      }
    ],
    atInfo: [
      {
        rule: 'dependency-tightened',
        subject: 'setuptools',
        reason: 'a pin of the development extra `test`'
      },
      {
        rule: 'license-changed',
        subject: 'MIT',
        reason: 'the MIT classifier became License-Expression: MIT, the same licence'
      }
    ]
  }
}
