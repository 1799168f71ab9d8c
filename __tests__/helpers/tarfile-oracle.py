"""What pip's untar_file would extract from each sdist named on stdin (a JSON list), as JSON.

It reads each archive with Python's tarfile exactly as pip's untar_file does (tarfile.open with the
mode for the file's suffix and encoding="utf-8", getmembers(), the leading folder stripped from names
and hard-link targets, then tarfile's data filter where Python has one) and reports every member:
its name as extracted, its type, size, link target, mode, the SHA-256 of the bytes tarfile would
write, and the data filter's refusal if any. One process reads the whole batch.
"""
import hashlib
import json
import sys
import tarfile
import tempfile


def mode_for(name):
    lower = name.lower()
    if lower.endswith((".gz", ".tgz")):
        return "r:gz"
    if lower.endswith(".tar"):
        return "r"
    return "r:*"


def split_leading(path):
    # pip splits at the first "/" or "\", whichever comes first.
    path = path.lstrip("/").lstrip("\\")
    cuts = [i for i in (path.find("/"), path.find("\\")) if i >= 0]
    if not cuts:
        return path, ""
    cut = min(cuts)
    return path[:cut], path[cut + 1:]


def has_leading(names):
    leads = {split_leading(name)[0] for name in names}
    return len(leads) == 1 and "" not in leads or not names


def kind(member):
    if member.issparse():
        return "sparse"
    if member.isreg():
        return "file"
    for test, name in ((member.isdir, "dir"), (member.issym, "symlink"), (member.islnk, "hardlink"),
                       (member.ischr, "chr"), (member.isblk, "blk"), (member.isfifo, "fifo")):
        if test():
            return name
    return "unknown"


def content(tar, member):
    if not (member.isreg() or member.type not in tarfile.SUPPORTED_TYPES):
        return None, None
    try:
        data = tar.extractfile(member).read()
    except Exception as error:  # what pip would meet writing the file
        return None, f"{type(error).__name__}: {error}"
    return hashlib.sha256(data).hexdigest(), None


def filter_refusal(member, dest):
    data_filter = getattr(tarfile, "data_filter", None)
    if data_filter is None:
        return None
    try:
        data_filter(member, dest)
    except Exception as error:  # a TarError pip reports, or another that stops it
        return f"{type(error).__name__}: {error}"
    return None


def read(path, dest):
    try:
        tar = tarfile.open(path, mode_for(path), encoding="utf-8")
        members = tar.getmembers()
    except Exception as error:
        return {"file": path, "error": f"{type(error).__name__}: {error}"}
    with tar:
        names = [m.name for m in members]
        leading = has_leading(names)
        out = []
        for member in members:
            archive_name = member.name
            if leading:
                lead, member.name = split_leading(member.name)
                if member.islnk():
                    link_lead, link_rest = split_leading(member.linkname)
                    if link_lead == lead:
                        member.linkname = link_rest
            sha256, read_error = content(tar, member)
            out.append({
                "archiveName": archive_name,
                "name": member.name,
                "type": kind(member),
                "rawType": member.type.decode("latin-1"),
                "size": member.size,
                "linkname": member.linkname,
                "mode": member.mode,
                "sha256": sha256,
                "readError": read_error,
                "filter": filter_refusal(member, dest),
            })
        return {"file": path, "error": None, "leading": leading, "members": out}


def main():
    files = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as dest:
        json.dump([read(path, dest) for path in files], sys.stdout)


main()
