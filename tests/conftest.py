import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))  # stable_output, shared with the build
LANGUAGES = ("ko", "en")  # ko is the default language, served at the site root


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--record-version",
        action="store_true",
        help="record what this interpreter prints as `#? <version>: <value>` lines (implies --update-examples)",
    )


def pytest_configure(config) -> None:
    if config.getoption("record_version"):
        config.option.update_examples = True
