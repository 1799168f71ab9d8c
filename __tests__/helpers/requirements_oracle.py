"""pypa/packaging as the oracle for the PEP 440/508 core: one process, JSON on stdin and stdout.

Input: {"environments": [env, ...], "versions": [...], "items": [{"kind": ..., "text": ...}, ...]}, kinds being
requirement, marker, specifier, version and name. Output: {"version": packaging's version,
"results": [...]}, one answer per item; markers are evaluated over every environment, an evaluation
that raises is "error"; a specifier set answers which of the versions it contains.
"""

import json
import re
import sys

import packaging
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version


MEMO = {}
# The versions a specifier's membership is asked of.
VERSIONS = []


def evaluations(marker, environments):
    # The same marker recurs in many requirements; its structure (not its text) keys the memo.
    key = repr(marker._markers)
    if key not in MEMO:
        MEMO[key] = evaluate(marker, environments)
    return MEMO[key]


def evaluate(marker, environments):
    answers = []
    for environment in environments:
        try:
            answers.append(marker.evaluate(environment))
        except Exception:
            answers.append("error")
    return answers


def requirement(text, environments):
    parsed = Requirement(text)
    marker = parsed.marker
    return {
        "str": str(parsed),
        "name": parsed.name,
        "extras": sorted(parsed.extras),
        "specifier": str(parsed.specifier),
        "url": parsed.url,
        "marker": str(marker) if marker is not None else None,
        "evaluations": evaluations(marker, environments) if marker is not None else None,
    }


def marker(text, environments):
    parsed = Marker(text)
    return {"str": str(parsed), "evaluations": evaluations(parsed, environments)}


NAME = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)


def name(text, _environments):
    if not NAME.match(text):
        raise ValueError(text)
    return {"str": canonicalize_name(text)}


KINDS = {
    "requirement": requirement,
    "marker": marker,
    "specifier": lambda text, _: {
        "contains": [SpecifierSet(text).contains(v, prereleases=True) for v in VERSIONS]
    },
    "version": lambda text, _: {"str": str(Version(text))},
    "name": name,
}


def answer(item, environments):
    try:
        return {"valid": True, **KINDS[item["kind"]](item["text"], environments)}
    except Exception:
        # packaging raises InvalidRequirement, InvalidMarker, InvalidSpecifier or InvalidVersion, and
        # lets ast.literal_eval's SyntaxError through for a quoted string Python cannot read.
        return {"valid": False}


def main():
    request = json.load(sys.stdin)
    environments = request["environments"]
    VERSIONS.extend(request.get("versions", []))
    results = [answer(item, environments) for item in request["items"]]
    json.dump({"version": packaging.__version__, "results": results}, sys.stdout)


main()
