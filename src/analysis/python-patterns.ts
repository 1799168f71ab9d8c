/** The calls python-code.ts classifies, by their names as resolved through imports. */
export const DECODERS =
  /^(?:base64\.\w*decode\w*|codecs\.decode|zlib\.decompress|bz2\.decompress|lzma\.decompress|gzip\.decompress|binascii\.(?:unhexlify|a2b_\w+)|bytes\.fromhex|marshal\.loads)$/
export const EXECUTORS = /^(?:builtins\.)?(?:exec|eval|compile)$/
export const LOADERS = /^(?:marshal\.loads|pickle\.loads|_?pickle\.loads|dill\.loads)$/
export const NETWORK =
  /^(?:urllib\.request\.\w+|urllib\.urlopen|urllib2\.\w+|http\.client\.\w+|httplib\.\w+|socket\.(?:socket|create_connection)|requests\.(?:get|post|put|patch|delete|head|request|Session)|httpx\.\w+|aiohttp\.(?:ClientSession|request)|urllib3\.\w+|ftplib\.FTP|smtplib\.SMTP\w*|telnetlib\.Telnet)$/
export const PROCESS =
  /^(?:subprocess\.(?:run|call|Popen|check_output|check_call|getoutput|getstatusoutput)|os\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork)|pty\.spawn|commands\.getoutput)$/
