"""Claims that depend on the CPython version: `#?` lines under a `#>` line.

    print(sys.getsizeof(""))
    #> 41
    #? <=3.11: 49 | str objects lost their wstr fields in 3.12 (PEP 623)

The `#>` value holds on every version that no `#?` line of that print names. A `#?` line
names versions (`3.11`, `3.10-3.11`, `<=3.11`, `>=3.12`; add `t` for free-threaded builds,
`>=3.14t`), the value printed there, and after ` | ` a one-line reason in the page's language.

Shared by the build (notes under snippets, the generated versions page) and the claim checks
(tests/test_examples.py); needs nothing outside the standard library.
"""

from __future__ import annotations

import re
import sys
import sysconfig
from dataclasses import dataclass, field

# The builds every claim is checked on: nox's sessions and CI's claims matrix are made from this list.
SUPPORTED = ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.14t", "3.15t")

CLAIM = re.compile(r"^(?P<indent>[ \t]*)#> (?P<value>.*)$")
VERSION_CLAIM = re.compile(r"^[ \t]*#\?\s*(?P<spec>[^:]+?)\s*:\s?(?P<value>.*?)(?:\s+\|\s+(?P<reason>.*))?$")
SPEC = re.compile(r"^(?P<op><=|>=)?(?P<low>3\.\d+)(?:-(?P<high>3\.\d+))?(?P<t>t?)$")


def current_build() -> str:
    """This interpreter as SUPPORTED names it: "3.13", or "3.14t" for a free-threaded build."""
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    return f"{sys.version_info.major}.{sys.version_info.minor}{'t' if free_threaded else ''}"


def describe_interpreter() -> str:
    free_threaded = current_build().endswith("t")
    return f"CPython {sys.version.split()[0]}{' (free-threaded build)' if free_threaded else ''}"


def _minor(version: str) -> int:
    return int(version.rstrip("t").split(".")[1])


@dataclass
class VersionClaim:
    line: int  # 0-based line in the snippet
    spec: str
    value: str
    reason: str

    def covers(self, build: str) -> bool:
        match = SPEC.match(self.spec.replace(" ", ""))
        assert match, self.spec  # checked by parse()
        if build.endswith("t") != bool(match["t"]):
            return False
        low, minor = _minor(match["low"]), _minor(build)
        if match["op"] == "<=":
            return minor <= low
        if match["op"] == ">=":
            return minor >= low
        return low <= minor <= (_minor(match["high"]) if match["high"] else low)


@dataclass
class VersionDependentClaim:
    line: int  # 0-based line of the `#>` claim
    value: str  # what every version that no `#?` line names prints
    exceptions: list[VersionClaim] = field(default_factory=list)

    def value_for(self, build: str) -> str:
        return next((claim.value for claim in self.exceptions if claim.covers(build)), self.value)


def parse(source: str) -> list[VersionDependentClaim]:
    """The version-dependent claims of a snippet; ValueError names the line of a bad `#?` line."""
    claims: list[VersionDependentClaim] = []
    lines = source.splitlines()
    for number, line in enumerate(lines):
        if not line.lstrip().startswith("#?"):
            continue
        previous = lines[number - 1] if number else ""
        if CLAIM.match(previous):
            claims.append(VersionDependentClaim(line=number - 1, value=CLAIM.match(previous)["value"]))
        elif not (claims and previous.lstrip().startswith("#?")):
            raise ValueError(f"line {number + 1}: a `#?` line must follow a one-line `#>` claim or another `#?` line")
        match = VERSION_CLAIM.match(line)
        if not match or not SPEC.match(match["spec"].replace(" ", "")):
            raise ValueError(
                f"line {number + 1}: write `#? <versions>: <value> | <reason>`, versions as 3.11, 3.10-3.11, "
                f"<=3.11 or >=3.12 (3.14t for free-threaded builds): {line.strip()!r}"
            )
        claim = VersionClaim(number, match["spec"].replace(" ", ""), match["value"], match["reason"] or "")
        if not any(claim.covers(build) for build in SUPPORTED):
            raise ValueError(f"line {number + 1}: {claim.spec} names none of the checked builds {', '.join(SUPPORTED)}")
        for other in claims[-1].exceptions:
            overlap = [build for build in SUPPORTED if claim.covers(build) and other.covers(build)]
            if overlap:
                raise ValueError(f"line {number + 1}: {claim.spec} overlaps {other.spec} (line {other.line + 1}) on {', '.join(overlap)}")
        claims[-1].exceptions.append(claim)
    return claims


def for_build(source: str, build: str) -> str:
    """The snippet with each version-dependent `#>` line showing the value declared for `build`."""
    lines = source.splitlines()
    for claim in parse(source):
        indent = CLAIM.match(lines[claim.line])["indent"]
        lines[claim.line] = f"{indent}#> {claim.value_for(build)}"
    return "\n".join(lines) + ("\n" if source.endswith("\n") else "")


def update(source: str, build: str, printed: str, *, per_version: bool) -> str:
    """`source` updated with what `build` printed.

    `printed` is `for_build(source, build)` with its `#>` lines rewritten by pytest-examples.
    A value declared by a `#?` line is updated there. Other changed values rewrite their `#>`
    line, or with `per_version` get a new `#?` line for `build`, leaving `#>` as it is.
    """
    declared = for_build(source, build).splitlines()
    printed_lines = printed.splitlines()
    claims = {claim.line: claim for claim in parse(source)}
    if not claims and not per_version:
        return printed
    if len(printed_lines) != len(declared):
        raise ValueError("a version-dependent output must fit on one `#>` line under its print")
    lines = source.splitlines()
    # Bottom-up, so inserting a line does not move the lines still to visit.
    for number in reversed(range(len(lines))):
        if declared[number] == printed_lines[number]:
            continue
        if not CLAIM.match(printed_lines[number]):
            raise ValueError(f"line {number + 1}: only `#>` values can be recorded per version")
        indent, value = CLAIM.match(printed_lines[number]).group("indent", "value")
        claim = claims.get(number)
        covering = next((c for c in claim.exceptions if c.covers(build)), None) if claim else None
        if covering:
            reason = f" | {covering.reason}" if covering.reason else ""
            lines[covering.line] = f"{indent}#? {covering.spec}: {value}{reason}"
        elif per_version:
            last = claim.exceptions[-1].line if claim else number
            lines.insert(last + 1, f"{indent}#? {build}: {value} | TODO: why {build} differs (PEP or What's New)")
        else:
            lines[number] = printed_lines[number]
    return "\n".join(lines) + ("\n" if source.endswith("\n") else "")
