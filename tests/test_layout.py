"""The library stays a plain library: nothing under analysis/ imports streamlit; the top level stays small."""
import ast
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parent.parent / "analysis"


def test_no_streamlit_import_under_analysis():
    offenders = []
    for path in ANALYSIS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "streamlit" or n.startswith("streamlit.") for n in names):
                offenders.append(str(path.relative_to(ANALYSIS)))
    assert offenders == []


def test_top_level_has_at_most_ten_modules_and_documented_subpackages():
    assert len(list(ANALYSIS.glob("*.py"))) <= 10
    for pkg in (p for p in ANALYSIS.iterdir() if p.is_dir() and not p.name.startswith("__")):
        doc = ast.get_docstring(ast.parse((pkg / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc) > 80, pkg.name


def test_tests_mirror_the_subpackages():
    """Each subpackage of analysis/ has its folder of tests, and no test folder names a stage that does not exist."""
    tests = ANALYSIS.parent / "tests"
    packages = {p.name for p in ANALYSIS.iterdir() if (p / "__init__.py").exists()}
    folders = {p.name for p in tests.iterdir() if p.is_dir() and any(p.glob("test_*.py"))}
    assert packages <= folders
    # ui/ holds the AppTest tests of the dashboard, browser/ the real-browser ones
    assert folders - packages == {"ui", "browser"}


def test_panels_talk_to_each_other_only_through_the_request_api():
    """No panel writes the view request or the KWIC panel's widget keys; ui/requests.py does it for them."""
    import re
    ui = ANALYSIS.parent / "ui"
    writes = re.compile(r"""session_state\[["'](view|kw_query|kw_regex|_request\.view)["']\]\s*=|"""
                        r"""session_state\.pop\(["']view["']""")
    offenders = [p.name for p in ui.glob("*.py") if p.name != "requests.py" and writes.search(p.read_text("utf-8"))]
    offenders += ["dashboard.py"] if writes.search((ANALYSIS.parent / "dashboard.py").read_text("utf-8")) else []
    assert offenders == []
