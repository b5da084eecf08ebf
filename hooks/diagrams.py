"""MkDocs hook: object diagrams drawn from live objects at build time.

A page asks for a diagram with a comment on a line of its own:

    <!-- diagram: reference-cycle | 서로를 가리키는 두 Node 객체 -->

The name picks a scenario below; the text after `|` is the diagram's accessible name in the
page's language. The scenario runs in a fresh interpreter, builds the objects, and prints an SVG
of them: one box per object with its type and its reference count as `sys.getrefcount()` reports
it, one arrow per attribute or list slot that refers to another object of the diagram. Colours come from Material's palette, so the diagram
follows light and dark mode; nothing is loaded from anywhere.
A drawn diagram is kept in .cache/diagrams/<interpreter>/, named by its code, so a warm build
draws none.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

import runner
from build_settings import EXECUTE, interpreter_id, source_path, write_atomically
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("diagrams")
MARKER = re.compile(r"^<!-- diagram: ([\w-]+) \| (.+?) -->$", re.MULTILINE)

# Draws `shown` (name -> object, filled in by the scenario) as an SVG on stdout.
DRAW = '''
import html, sys

def draw(shown, label):
    COUNT_LABEL = {"ko": "참조 횟수"}.get(LANG, "refcount")
    # What reading shown[name] and passing it to getrefcount() adds, measured on an object that
    # only one dict holds: the same on every version, whatever the interpreter borrows.
    control = {"object": object()}
    overhead = sys.getrefcount(control["object"]) - 1
    counts = {name: sys.getrefcount(shown[name]) - overhead - 1 for name in shown}  # -1: `shown`
    names = list(shown)
    box_w, box_h, gap, top = 200, 64, 80, 60
    width = len(names) * box_w + (len(names) - 1) * gap + 40
    left = {name: 20 + i * (box_w + gap) for i, name in enumerate(names)}
    parts = []
    for source in names:
        for target in names:
            via = [key for key, value in references(shown[source]) if value is shown[target]]
            if source == target or not via:
                continue
            forward = left[target] > left[source]
            y, bend = (top, -40) if forward else (top + box_h, 40)
            x1 = left[source] + box_w * (0.7 if forward else 0.3)
            x2 = left[target] + box_w * (0.3 if forward else 0.7)
            middle = (x1 + x2) / 2
            parts.append(
                f'<path d="M{x1},{y} Q{middle},{y + 2 * bend} {x2},{y}" class="edge" marker-end="url(#arrow)"/>'
                f'<text x="{middle}" y="{y + bend + (-4 if forward else 14)}" class="via">{html.escape(", ".join(via))}</text>'
            )
    for name in names:
        parts.append(
            f'<rect x="{left[name]}" y="{top}" width="{box_w}" height="{box_h}" rx="6" class="box"/>'
            f'<text x="{left[name] + box_w / 2}" y="{top + 26}" class="name">{html.escape(name)}: {type(shown[name]).__name__}</text>'
            f'<text x="{left[name] + box_w / 2}" y="{top + 48}" class="count">{COUNT_LABEL} {counts[name]}</text>'
        )
    print(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{html.escape(label)}" '
        f'viewBox="0 0 {width} {2 * top + box_h + 10}" width="{width}" class="object-diagram">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head"/></marker></defs>'
        + "".join(parts) + "</svg>"
    )

def references(obj):
    """(label, value) for each attribute or list slot of obj."""
    if isinstance(obj, list):
        return [(f"[{index}]", item) for index, item in enumerate(obj)]
    return [(f".{key}", value) for key, value in vars(obj).items()]
'''

SCENARIOS = {
    # The source's ASCII drawing: after `del a, b`, each object is still referenced once, by the other.
    "reference-cycle": '''
import gc
import weakref

class Node:
    def __init__(self):
        self.ref = None

gc.disable()
a = Node()
b = Node()
a.ref = b
b.ref = a
alive_a, alive_b = weakref.ref(a), weakref.ref(b)
del a, b
shown = {"a": alive_a(), "b": alive_b()}
draw(shown, LABEL)
''',
    # debugging-memory: the items list holds the item, and so does the global name `item`.
    "container-referrers": '''
class Container:
    def __init__(self, name):
        self.name = name
        self.items = []

container = Container("MyContainer")
item = [1, 2, 3]
container.items.append(item)
shown = {"container": container, "container.items": container.items, "item": item}
draw(shown, LABEL)
''',
    # garbage-collector: where one tracked object sits, generation by generation, as two young
    # collections move it on. The counts are gc.get_objects(generation=...) of that moment.
    "gc-generations": """
import gc, html

class Node:
    pass

gc.disable()
gc.collect()
node = Node()

def moment(step):
    objects = [gc.get_objects(generation=g) for g in range(3)]
    here = [g for g in range(3) if any(o is node for o in objects[g])]
    return step, here, [len(found) for found in objects]

moments = [moment("node = Node()")]
gc.collect(0)
moments.append(moment("gc.collect(0)"))
gc.collect(1)
moments.append(moment("gc.collect(1)"))
assert [m[1] for m in moments] == [[0], [1], [2]], moments
words = {"ko": ("{}세대", "객체 {}개"), "en": ("generation {}", "{} objects")}[LANG]
left, col, row, top = 170, 200, 64, 56
parts = [f'<text x="{left + g * col + col / 2 - 10}" y="28" class="name">{words[0].format(g)}</text>' for g in range(3)]
for r, (step, here, counts) in enumerate(moments):
    y = top + r * row
    parts.append(f'<text x="{left - 14}" y="{y + 30}" class="via" text-anchor="end" style="text-anchor:end">{html.escape(step)}</text>')
    for g in range(3):
        cls = "box here" if g in here else "box"
        parts.append(f'<rect x="{left + g * col}" y="{y}" width="{col - 20}" height="{row - 14}" rx="6" class="{cls}"/>')
        label = ("node · " if g in here else "") + words[1].format(counts[g])
        parts.append(f'<text x="{left + g * col + col / 2 - 10}" y="{y + 30}" class="count">{html.escape(label)}</text>')
width, height = left + 3 * col, top + 3 * row
print(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{html.escape(LABEL)}" '
      f'viewBox="0 0 {width} {height}" width="{width}" class="object-diagram">' + "".join(parts) + "</svg>")
""",
    # memory-allocators: the pymalloc pools that hold twelve 53-byte bytes objects (64-byte blocks),
    # found from their addresses: a pool is 16 KiB and aligned to its size on 64-bit builds since
    # 3.10 (POOL_BITS, POOL_ADDR in Objects/obmalloc.c), its header is 48 bytes.
    "pymalloc-pools": """
import html, sys

POOL, HEADER, BLOCK = 16 * 1024, 48, 64
objects = [bytes([i]) * 20 for i in range(12)]
assert sys.getsizeof(objects[0]) == 53 and sys.getsizeof(objects[0]) <= BLOCK
pools = {}
for obj in objects:
    base = id(obj) & ~(POOL - 1)
    offset = id(obj) - base - HEADER
    assert offset % BLOCK == 0, (hex(id(obj)), offset)
    pools.setdefault(base, set()).add(offset // BLOCK)
words = {"ko": ("풀", "16KiB", "풀 헤더 48바이트", "64바이트 블록", "이 예제의 bytes 객체"),
         "en": ("pool", "16 KiB", "48-byte pool header", "64-byte blocks", "this example's bytes objects")}[LANG]
cell, columns = 11, 16
blocks = (POOL - HEADER) // BLOCK
grid = columns * cell
parts = []
for n, (base, used) in enumerate(sorted(pools.items())):
    x0 = 20 + n * (grid + 40)
    parts.append(f'<text x="{x0 + grid / 2}" y="22" class="name">{words[0]} {n + 1} · {words[1]}</text>')
    parts.append(f'<rect x="{x0}" y="34" width="{cell - 2}" height="{cell - 2}" class="box header"/>')
    for b in range(blocks):
        slot = b + 1  # the header takes the first cell
        x, y = x0 + (slot % columns) * cell, 34 + (slot // columns) * cell
        cls = "box ours" if b in used else "box"
        parts.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" class="{cls}"/>')
rows = (blocks + 1 + columns - 1) // columns
legend_y = 34 + rows * cell + 24
parts.append(f'<rect x="20" y="{legend_y - 10}" width="{cell - 2}" height="{cell - 2}" class="box header"/>'
             f'<text x="36" y="{legend_y}" class="via" style="text-anchor:start">{words[2]}</text>')
parts.append(f'<rect x="20" y="{legend_y + 8}" width="{cell - 2}" height="{cell - 2}" class="box"/>'
             f'<text x="36" y="{legend_y + 18}" class="via" style="text-anchor:start">{words[3]}</text>')
parts.append(f'<rect x="20" y="{legend_y + 26}" width="{cell - 2}" height="{cell - 2}" class="box ours"/>'
             f'<text x="36" y="{legend_y + 36}" class="via" style="text-anchor:start">{words[4]}</text>')
width, height = 20 + len(pools) * (grid + 40), legend_y + 50
print(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{html.escape(LABEL)}" '
      f'viewBox="0 0 {width} {height}" width="{width}" class="object-diagram">' + "".join(parts) + "</svg>")
""",
}


_cache: list[Path] = []  # where drawn diagrams are kept, per interpreter, next to the snippets' cache


def on_config(config: Any) -> None:
    snippets = Path(os.environ.get("SNIPPETS_CACHE_DIR", Path(config.config_file_path).parent / ".cache" / "snippets"))
    _cache[:] = [snippets.parent / "diagrams" / interpreter_id()]


def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    return MARKER.sub(lambda match: render(match[1], match[2], source_path(config, page)), markdown)


def render(name: str, label: str, where: str) -> str:
    if not EXECUTE:
        return ""
    if name not in SCENARIOS:
        log.warning(f"{where}: unknown diagram '{name}'; the known ones are {', '.join(SCENARIOS)}")
        return ""
    language = where.split("/")[1] if where.count("/") > 1 else "en"
    code = DRAW + f"LABEL = {label!r}\nLANG = {language!r}\n" + SCENARIOS[name]
    cached = _cache[0] / f"{hashlib.sha256(code.encode()).hexdigest()[:24]}.svg" if _cache else None
    svg = cached.read_text("utf-8") if cached and cached.is_file() else ""
    if not (svg.startswith("<svg") and svg.endswith("</svg>")):  # none yet, or unreadable: draw it again
        done = runner.run(code)
        svg = done.output.strip()
        if done.problem() or done.wrote_stderr or not svg.startswith("<svg"):
            log.warning(f"{where}: diagram '{name}' failed: {done.problem()}\n{done.output}")
            return ""
        if cached:
            write_atomically(cached, svg)
    return f'<figure class="object-diagram" markdown="0">\n{svg}\n</figure>'
