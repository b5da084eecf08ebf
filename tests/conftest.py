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


_ran: set[str] = set()


def pytest_runtest_logreport(report) -> None:
    if report.when == "call" or report.outcome != "passed":
        _ran.add(report.nodeid)


def pytest_sessionfinish(session, exitstatus) -> None:
    """A run that ended early without a failure (pytest.exit(returncode=0), say) fails: its summary
    would otherwise read as a pass."""
    expected = len(getattr(session, "items", []))
    if exitstatus == 0 and len(_ran) < expected:
        session.config.get_terminal_writer().line(
            f"only {len(_ran)} of {expected} collected tests ran: the run ended before the rest", red=True
        )
        session.exitstatus = 1
