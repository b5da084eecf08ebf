from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("ko", "en")  # ko is the default language, served at the site root
