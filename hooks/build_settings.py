"""What the build's hooks share: the switch that turns code execution off and the words they
put on pages in each language. Needs nothing outside the standard library and its siblings.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

from stable_output import ADDRESS_PLACEHOLDER
from version_claims import describe_interpreter

log = get_plugin_logger("cache")
SNIPPETS_CACHE_FORMAT = "5"  # bump when the way snippets run changes

# SNIPPETS_EXECUTE=0: no snippet, diagram or notebook cell runs (the benchmark's floor).
EXECUTE = os.environ.get("SNIPPETS_EXECUTE", "1") != "0"

TEXT = {
    "ko": {
        "output": "출력",
        "addresses": f"메모리 주소는 실행할 때마다 달라서 `{ADDRESS_PLACEHOLDER}`로 표시했습니다.",
        "versions": "CPython 버전에 따라 출력이 다릅니다",
        "other": "그 밖의 버전",
        "<=": "{} 이하",
        ">=": "{} 이상",
        "free-threaded": "자유 스레딩",
        "value": "출력값",
        "source": "확인 방법",
        "measured": "사이트를 빌드할 때 측정",
        "declared": "선언값 · CI에서 확인",
    },
    "en": {
        "output": "Output",
        "addresses": f"Memory addresses differ on every run, so they are shown as `{ADDRESS_PLACEHOLDER}`.",
        "versions": "Output differs between CPython versions",
        "other": "Other versions",
        "<=": "{} and earlier",
        ">=": "{} and later",
        "free-threaded": "free-threaded",
        "value": "Printed value",
        "source": "How it is known",
        "measured": "measured when the site was built",
        "declared": "declared · checked in CI",
    },
}


def text_for(language: str) -> dict[str, str]:
    return TEXT.get(language, TEXT["en"])


def output_label(language: str) -> str:
    """The title of an output box: "출력 · CPython 3.13.0", "Output · CPython 3.14.0 (free-threaded build)"."""
    return f"{text_for(language)['output']} · {describe_interpreter()}"


def source_path(config: Any, page: Any) -> str:
    """A page's source as the author names it in messages: docs/ko/reference-counting.md."""
    return f"{Path(config.docs_dir).name}/{page.file.src_path}"


def interpreter_id(command: str = sys.executable, version: str = sys.version.split()[0]) -> str:
    """The cache's folder for an interpreter: results of other interpreters are kept apart."""
    binary = os.stat(command)  # a rebuilt interpreter at the same path is another interpreter
    identity = [SNIPPETS_CACHE_FORMAT, command, version, binary.st_size, binary.st_mtime_ns]
    identity = hashlib.sha256(json.dumps(identity).encode()).hexdigest()
    return f"cpython-{version}-{identity[:12]}"


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old entry or the new one, never half of one. A cache that cannot be written
    only costs time: the build goes on."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as error:
        log.info(f"{path}: cannot write the cache ({error}); the build goes on without it")
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
