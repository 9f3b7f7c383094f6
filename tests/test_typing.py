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

