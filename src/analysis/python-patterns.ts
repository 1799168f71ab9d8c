/** The calls python-code.ts classifies, by their names as resolved through imports. */
export const DECODERS =
  /^(?:base64\.\w*decode\w*|codecs\.decode|zlib\.decompress|bz2\.decompress|lzma\.decompress|gzip\.decompress|binascii\.(?:unhexlify|a2b_\w+)|bytes\.fromhex|marshal\.loads)$/
export const EXECUTORS = /^(?:builtins\.)?(?:exec|eval|compile)$/
export const LOADERS = /^(?:marshal\.loads|pickle\.loads|_?pickle\.loads|dill\.loads)$/
/** Calls that open a connection (not the parsing and quoting helpers beside them: `urllib.request.parse_http_list`). */
export const NETWORK =
  /^(?:urllib\.request\.(?:urlopen|urlretrieve|build_opener|OpenerDirector)|urllib\.urlopen|urllib\.urlretrieve|urllib2\.(?:urlopen|build_opener|OpenerDirector)|(?:http\.client|httplib)\.HTTPS?Connection|socket\.(?:socket|create_connection)|requests\.(?:get|post|put|patch|delete|head|request|Session)|httpx\.(?:get|post|put|patch|delete|head|request|stream|Client|AsyncClient)|aiohttp\.(?:ClientSession|request)|urllib3\.(?:PoolManager|ProxyManager|HTTPS?ConnectionPool|request|connection_from_url|proxy_from_url)|ftplib\.FTP\w*|smtplib\.SMTP\w*|telnetlib\.Telnet)$/
export const PROCESS =
  /^(?:subprocess\.(?:run|call|Popen|check_output|check_call|getoutput|getstatusoutput)|os\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork)|pty\.spawn|commands\.getoutput)$/
