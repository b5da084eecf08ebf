import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))  # stable_output, shared with the build
LANGUAGES = ("ko", "en")  # ko is the default language, served at the site root
