"""Korean pages use the glossary's terms, not the variants it lists as not used."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

GLOSSARY = ROOT / "docs/ko/glossary.md"


def discouraged_terms(glossary: Path) -> dict[str, str]:
    """Each discouraged variant -> the term to use instead."""
    terms = {}
    for line in glossary.read_text("utf-8").splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0] not in {"한국어", "---"}:  # variants are the last column
            terms |= {variant.strip(): cells[0] for variant in cells[-1].split(",") if variant.strip()}
    return terms


def discouraged_uses(docs: Path, terms: dict[str, str], extra: tuple[Path, ...] = ()) -> list[str]:
    found = []
    for page in [*sorted(docs.rglob("*.md")), *extra]:
        if page == GLOSSARY:
            continue
        for number, line in enumerate(page.read_text("utf-8").splitlines(), 1):  # code comments too
            found += [f"{page}:{number}: '{variant}' -> '{term}'" for variant, term in terms.items() if variant in line]
    return found


def test_the_glossary_lists_discouraged_variants() -> None:
    terms = discouraged_terms(GLOSSARY)
    assert terms["가비지 컬렉터"] == "가비지 수거기" and len(terms) >= 20


def test_korean_pages_use_the_glossary_terms() -> None:
    # The runnable example's Korean prose cells too.
    problems = discouraged_uses(ROOT / "docs/ko", discouraged_terms(GLOSSARY), (ROOT / "examples/object_lifecycle.py",))
    assert not problems, "Use the glossary's terms (docs/ko/glossary.md):\n" + "\n".join(problems)


def test_a_discouraged_variant_is_named(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("첫 줄\n가비지 컬렉터가 순환을 찾습니다.\n```python\nx.ref = y  # 속성\n```\n", "utf-8")
    assert discouraged_uses(tmp_path, discouraged_terms(GLOSSARY)) == [
        f"{tmp_path}/page.md:2: '가비지 컬렉터' -> '가비지 수거기'",
        f"{tmp_path}/page.md:4: '속성' -> '어트리뷰트'",
    ]
