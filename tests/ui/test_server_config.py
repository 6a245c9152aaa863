"""The server's own settings (.streamlit/config.toml), as Streamlit reads them: this computer only, known host
names, XSRF and CORS protection on, no tracebacks in the browser."""
import json
import subprocess
import sys
import tomllib

from tests.paths import ROOT

OPTIONS = ("server.address", "server.allowedHosts", "server.enableCORS", "server.enableXsrfProtection",
           "client.showErrorDetails")


def test_streamlit_reads_safe_defaults_from_the_project_config():
    code = ("import json; from streamlit import config; config.get_config_options(force_reparse=True); "
            f"print(json.dumps({{k: config.get_option(k) for k in {OPTIONS!r}}}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["server.address"] == "127.0.0.1"
    assert got["server.allowedHosts"] == ["localhost", "127.0.0.1"]
    assert got["server.enableCORS"] is True and got["server.enableXsrfProtection"] is True
    assert got["client.showErrorDetails"] in ("type", "none")


def test_the_config_file_says_so_itself():
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert conf["server"]["address"] == "127.0.0.1"
    assert conf["client"]["showErrorDetails"] != "full"
