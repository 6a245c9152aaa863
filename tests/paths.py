"""Where the tests find the repository, the app and the fixtures, wherever a test file sits."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
FIXTURES = ROOT / "tests" / "fixtures"
