import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { redactor } from '../../src/analysis/redactor.js'
import { findSecrets, scanWork } from '../../src/analysis/secrets.js'

// Values shaped like real credentials, made up for the test.
const GITHUB_TOKEN = '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'
const AWS_SECRET = 'Zr8uSkO2ldLr2xQ9vB7nHw3Tk5Yp1Ce4Fg6Jh0Mq'
const PYPI_TOKEN = `pypi-AgEIcHlwaS5vcmcCJD${'a1B2c3D4e5F6g7H8'.repeat(5)}`
const privateKey = () => execFileSync('openssl', ['genrsa', '1024'], { encoding: 'utf8' })

describe('secrets in content', () => {
  it('finds tokens, keys and secret assignments, naming file, line and kind', async () => {
    const text = [
      'import os',
      `GITHUB_TOKEN = '${GITHUB_TOKEN}'`,
      `AWS_SECRET_ACCESS_KEY = "${AWS_SECRET}"`,
      `UPLOAD = "${PYPI_TOKEN}"`,
      'db_password = "q8Zt2LmX9vRw4KpJ7sNe"',
      ''
    ].join('\n')
    const hits = await findSecrets([{ path: 'pkg/settings.py', text }])
    expect(hits.map(h => [h.line, h.kind])).toEqual([
      [2, expect.stringMatching(/GitHub/)],
      [3, expect.stringMatching(/AWS Secret Access Key/)],
      [4, 'PyPI API token'],
      [5, 'a secret-looking value assigned to db_password']
    ])
    const key = privateKey()
    const [pem] = await findSecrets([{ path: 'deploy/id_rsa.txt', text: `# key\n${key}` }])
    expect(pem).toEqual(
      expect.objectContaining({ line: 2, kind: expect.stringMatching(/private key/i) })
    )
  })

  it('leaves public certificates, placeholders and ordinary code alone', async () => {
    const text = [
      '-----BEGIN CERTIFICATE-----',
      'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UE',
      '-----END CERTIFICATE-----',
      'password = "changeme-please-1234"',
      'token = os.environ["TOKEN"]',
      'SECRET_KEY = "your-secret-key-here-0000"',
      'api_key = get_key()'
    ].join('\n')
    expect(await findSecrets([{ path: 'certifi/cacert.pem', text }])).toEqual([])
  })

  it('leaves API ids, paging tokens and phrases alone (botocore 1.43.0 data files)', async () => {
    const examples = [
      '"LifecycleActionToken": "bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635",',
      '"PurchaseToken": "eyJ2IjoiMSIsInMiOjEsImMiOi...",',
      '"clientRequestToken": "1d2129a1-3d38-460a-9756-e5b91fddb951",',
      '"output_token": "StreamDescription.Shards[-1].ShardId",',
      '"NextContinuationToken": "1w41l63U0xa8q7smH50vCxyTQqdxo69O3EmK28Bi5PcROI4wI/EyIJg==",',
      '"LocalConsolePassword": "PassWordMustBeAtLeast6Chars."',
      '"ChangeToken": "abcd12f2-46da-4fdb-b8d5-fbd4c466928f",'
    ].join('\n')
    const path = 'botocore/data/storagegateway/2013-06-30/examples-1.json'
    expect(await findSecrets([{ path, text: examples }])).toEqual([])
    // The same assignment heuristic still finds a random value given to a credential's name.
    const settings = [
      'api_token = "Xk29fLq8Zr3vN7pW4sTb"',
      '"refreshToken": "Qj9iZzP9N1Vh5jjNyad6X73sizWaPtVQ"'
    ].join('\n')
    const found = await findSecrets([{ path: 'pkg/settings.py', text: settings }])
    expect(found.map(h => h.kind)).toEqual([
      'a secret-looking value assigned to api_token',
      'a secret-looking value assigned to refreshToken'
    ])
  })

  it('in tests, docs and examples looks only for token formats: their fixtures are made up', async () => {
    const fixture = [
      'self.access_key_id = "ASIA123456ABCDEFG"',
      'db_password = "q8Zt2LmX9vRw4KpJ7sNe"',
      `GITHUB_TOKEN = '${GITHUB_TOKEN}'`
    ].join('\n')
    for (const path of ['tests/unit/test_credentials.py', 'docs/conf.py', 'pkg/tests/test_x.py']) {
      const found = await findSecrets([{ path, text: fixture }])
      expect(found.map(h => h.line)).toEqual([3])
    }
  })

  it('leaves documented proxy URLs with placeholder credentials alone (requests 2.33.0 docs)', async () => {
    const docs = [
      'To use HTTP Basic Auth with your proxy, use the `http://user:password@host/` syntax::',
      '    $ export HTTPS_PROXY="http://user:pass@10.10.1.10:1080"',
      "    >>> proxies = {'http': 'http://user:pass@10.10.1.10:3128/'}"
    ].join('\n')
    expect(await findSecrets([{ path: 'docs/user/advanced.rst', text: docs }])).toEqual([])
    // urllib3 2.0.7's tests: a host reserved for examples (RFC 2606) holds no real account.
    const tests =
      '("HTTP://JeremyCline:Hunter2@Example.com:8080/", "http://x:Qm7vT2pLx9aZr4Ke@api.test/")'
    expect(await findSecrets([{ path: 'test/test_util.py', text: tests }])).toEqual([])
    const real = 'DATABASE_URL = "postgres://admin:Qm7vT2pLx9aZr4Ke@db.internal:5432/app"'
    expect(await findSecrets([{ path: 'settings.py', text: real }])).not.toEqual([])
  })

  it('redacts every value, a private key line by line as a diff shows it', async () => {
    const key = privateKey()
    const patch = `@@ -1 +1,30 @@\n x = 1\n${key
      .trim()
      .split('\n')
      .map(l => `+${l}`)
      .join('\n')}\n+TOKEN = "${GITHUB_TOKEN}"\n`
    const redact = redactor([key, GITHUB_TOKEN])
    const shown = redact(patch)
    expect(shown).toContain('+-----BEGIN PRIVATE KEY-----')
    expect(shown).not.toContain(GITHUB_TOKEN)
    for (const line of key.split('\n').slice(1, -2)) expect(shown).not.toContain(line)
    expect(shown).toContain('+TOKEN = "‹redacted›"')
  })

  it('reports a token repeated on thousands of lines once, with each line once, in linear work', async () => {
    // issue 25: a token on 500 lines was traced to every occurrence per hit (N²), then spread into push.
    const scan = async (count: number) => {
      const lines = Array.from({ length: count }, (_, i) =>
        i % 3 === 0 ? `GITHUB_TOKEN = '${GITHUB_TOKEN}'` : `x${i} = ${i}`
      )
      const before = { ...scanWork }
      const hits = await findSecrets([{ path: 'pkg/settings.py', text: lines.join('\n') }])
      return {
        hits,
        expected: lines.flatMap((line, i) => (line.includes(GITHUB_TOKEN) ? [i + 1] : [])),
        scanned: scanWork.scanned - before.scanned,
        searched: scanWork.searched - before.searched
      }
    }
    // 60,000 lines (about 1.3 MB) span many windows; 120,000 lines twice as many: overlaps must not repeat a line.
    const small = await scan(60_000)
    const large = await scan(120_000)
    for (const { hits, expected } of [small, large]) {
      expect(hits).toHaveLength(1)
      expect(hits[0]?.line).toBe(1)
      expect(hits[0]?.lines).toEqual(expected)
    }
    expect(large.hits[0]?.lines).toHaveLength(40_000)
    // Twice the input is about twice the work (the window overlaps add a little), not four times.
    expect(large.scanned / small.scanned).toBeLessThan(2.1)
    expect(large.searched / small.searched).toBeLessThan(2.1)
    expect(large.searched).toBeLessThan(4 * large.scanned)
  })

  it('scans a long file to its end, a token past the first MiBs found on its line', async () => {
    const filler = 'value = compute(value) + 1  # an ordinary line of code\n'.repeat(100_000)
    const text = `${filler}UPLOAD = "${PYPI_TOKEN}"\nGITHUB_TOKEN = '${GITHUB_TOKEN}'\n`
    const hits = await findSecrets([{ path: 'pkg/big.py', text }])
    expect(hits.map(h => [h.kind, h.line])).toEqual([
      [expect.stringMatching(/GitHub/), 100_002],
      ['PyPI API token', 100_001]
    ])
  })
})
