"""The typed API as a client uses it: tests/typing/client.py runs (mypy --strict checks it in `make lint`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import ROOT


def test_the_typed_client_runs_every_documented_call(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("client", ROOT / "tests" / "typing" / "client.py")
    assert spec is not None and spec.loader is not None
    client = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(client)
    findings = client.main(tmp_path)
    assert (tmp_path / "rugby.docx").exists() and (tmp_path / "record.docx").exists()
    assert [f for f in findings if f.severity == "error"] == []



def test_mypy_finds_the_installed_package_from_outside_the_checkout(tmp_path: Path) -> None:
    """As a team's own script would: the make venv's install is one mypy can follow (strict editable mode)."""
    import shutil
    import subprocess
    import sys

    shutil.copy(ROOT / "tests" / "typing" / "client.py", tmp_path / "client.py")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
                             "client.py"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout
