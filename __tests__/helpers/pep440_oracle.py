"""The reference for the PEP 440 differential tests: pypa/packaging, asked in one batch.

Reads {"versions": [...], "specifiers": [...], "grid": [...]} as JSON on stdin and writes what
packaging says of each: validity, normal form, parts, sort rank; for each specifier set its validity,
str() and membership of every grid version with prereleases None, True and False, and filter().
"""
import json
import sys

import packaging
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version


def version_facts(text):
    try:
        v = Version(text)
    except InvalidVersion:
        return None
    return {
        "str": str(v),
        "public": v.public,
        "base": v.base_version,
        "local": v.local,
        "epoch": v.epoch,
        "release": list(v.release),
        "pre": list(v.pre) if v.pre else None,
        "post": v.post,
        "dev": v.dev,
        "is_prerelease": v.is_prerelease,
        "is_postrelease": v.is_postrelease,
        "is_devrelease": v.is_devrelease,
    }


def answer(ask):
    """'1' or '0'; 'E' where packaging raises (23.0 does on `===` of a non-version)."""
    try:
        return "1" if ask() else "0"
    except ValueError:
        return "E"


def specifier_facts(text, grid):
    try:
        s = SpecifierSet(text)
    except InvalidSpecifier:
        return None
    contains = {
        mode: "".join(answer(lambda: s.contains(v, prereleases=pre)) for v in grid)
        for mode, pre in (("none", None), ("true", True), ("false", False))
    }
    try:
        chosen = set(s.filter(grid))
        kept = "".join("1" if v in chosen else "0" for v in grid)
    except ValueError:
        kept = "E"
    return {"str": str(s), "contains": contains, "filter": kept}


def main():
    request = json.load(sys.stdin)
    versions = [version_facts(t) for t in request["versions"]]
    valid = sorted({i for i, f in enumerate(versions) if f}, key=lambda i: Version(request["versions"][i]))
    rank, previous, current = {}, None, -1
    for i in valid:
        v = Version(request["versions"][i])
        if previous is None or v != previous:
            current += 1
        rank[i], previous = current, v
    for i, facts in enumerate(versions):
        if facts:
            facts["rank"] = rank[i]
    grid = request.get("grid", [])
    json.dump(
        {
            "packaging": packaging.__version__,
            "versions": versions,
            "specifiers": [specifier_facts(t, grid) for t in request.get("specifiers", [])],
        },
        sys.stdout,
    )


main()
