"""What varies from run to run in a snippet's output, replaced by a visible placeholder.

Shared by the build (hooks/snippets.py) and the claim checks (tests/test_examples.py),
so a page and its `#>` lines always show the same placeholder.
"""

import re

ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{8,16}\b")
ADDRESS_PLACEHOLDER = "0x…"


def mask_addresses(text: str) -> str:
    """Memory addresses (as in `<object at 0x7f...>` or `hex(id(x))`) differ on every run."""
    return ADDRESS.sub(ADDRESS_PLACEHOLDER, text)
