"""What Python's zipfile reads from each wheel named in the JSON list on stdin, and what pip installs.

Prints one JSON list, an object per wheel: `infolist` (name, file_size and the SHA-256 of
`zf.read(name)` or the exception, in infolist order) and `installed`, the files pip's wheel installer
writes (`src/pip/_internal/operations/install/wheel.py`: every name not ending in "/", in namelist
order, as `getinfo(name)`, read only when its size is not zero, at `os.path.normpath(name)`), or the
exception that stops it. `error` is set when zipfile cannot open the archive at all.
"""

import hashlib
import json
import os
import sys
import warnings
import zipfile


def failure(error):
    return f"{type(error).__name__}: {error}"


def read_one(path):
    try:
        archive = zipfile.ZipFile(path, allowZip64=True)
    except Exception as error:  # anything zipfile raises stops pip
        return {"error": failure(error)}
    with archive:
        infolist = []
        for info in archive.infolist():
            item = {"name": info.filename, "size": info.file_size}
            try:
                item["sha256"] = hashlib.sha256(archive.read(info.filename)).hexdigest()
            except Exception as error:
                item["error"] = failure(error)
            infolist.append(item)
        installed = {}
        result = {"infolist": infolist, "installed": installed}
        try:
            for name in archive.namelist():
                if name.endswith("/"):
                    continue
                info = archive.getinfo(name)
                dest = os.path.normpath(name)
                if os.path.isabs(dest) or dest == ".." or dest.startswith("../"):
                    raise ValueError(f"{name!r} would install outside the target directory")
                if dest == ".":
                    raise IsADirectoryError(f"{name!r} would be written over the target directory")
                data = archive.open(info).read() if info.file_size > 0 else b""
                installed[dest] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        except Exception as error:
            result["installError"] = failure(error)
        return result


def main():
    warnings.simplefilter("ignore")
    print(json.dumps([read_one(path) for path in json.load(sys.stdin)]))


main()
