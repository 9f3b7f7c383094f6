"""Template fixtures: the built-in templates rebuilt from their build script, with a body of a test's own."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("build_templates", ROOT / "report_templates" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


def make_template(tmp_path: Path, body: str, *, drop_style: str | None = None, name: str = "t.docx",
                  paper: bool = True) -> Path:
    """The cabinet template with its body replaced (the paper placed after it unless ``paper`` is
    false), and optionally a style removed."""
    if paper:
        body += build.p("{{p fragments.paper }}")
    source = build.build("cabinet_report")
    out = tmp_path / name
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode()
                start, end = text.index("<w:body>") + len("<w:body>"), text.index("<w:sectPr>")
                data = (text[:start] + body + text[end:]).encode()
            if item.filename == "word/styles.xml" and drop_style:
                text = data.decode()
                start = text.index(f'w:styleId="{drop_style}"')
                start = text.rindex("<w:style ", 0, start)
                data = (text[:start] + text[text.index("</w:style>", start) + len("</w:style>"):]).encode()
            dst.writestr(item, data)
    return out
