"""A council's own template: init, check (each problem with where it is), LibreOffice-saved templates."""

from __future__ import annotations

import ast
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import ldd_reports
from ldd_reports import TemplateError
from ldd_reports.cli import main
from ldd_reports.template_check import check_template

from conftest import ROOT, minimal_report, open_docx
from docx_fixtures import build, make_template

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def codes(findings):
    return {(f.severity, f.code) for f in findings}


def test_init_copies_a_built_in_template_that_checks_clean(tmp_path, capsys):
    out = tmp_path / "ours.docx"
    assert main(["template", "init", "--from", "council_report", "-o", str(out)]) == 0
    assert out.read_bytes() == (ROOT / "report_templates" / "council_report.docx").read_bytes()
    assert main(["template", "init", "--from", "council_report", "-o", str(out)]) == 1  # no overwrite
    assert main(["template", "check", str(out), "--house-style", "continuous"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out


def test_check_names_unknown_variables_with_did_you_mean(tmp_path):
    body = (build.p("{{ doc.titel }}") + build.p("{{ doc.meeting.bdy }}") + build.p("{{ fragments.bodyy }}")
            + build.p("{{ docs.title }}"))
    found = check_template(make_template(tmp_path, body))
    messages = [f.message for f in found if f.code == "unknown_variable"]
    assert any("'titel'" in m and "did you mean 'title'" in m for m in messages)
    assert any("meeting has no field 'bdy'" in m and "'body'" in m for m in messages)
    assert any("no fragment 'bodyy'" in m and "'body'" in m for m in messages)
    assert any("unknown variable 'docs'" in m and "'doc'" in m for m in messages)
    assert all(f.field.startswith("word/document.xml") for f in found if f.code == "unknown_variable")


def test_check_finds_parts_never_shown_and_render_refuses_them(tmp_path):
    template = make_template(tmp_path, build.p("{{p fragments.header_block }}") + build.p("{{p fragments.body }}"),
                             paper=False)
    missing = {f.message.split("paper's ")[1].split(" ")[0] for f in check_template(template)
               if f.code == "part_not_shown"}
    assert {"summary", "recommendations", "background_papers", "contacts", "appendices"} <= missing
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), template)
    assert "never shows the paper's recommendations" in str(info.value)
    assert "header_block" not in str(info.value).split("never shows")[1].split("(")[0]


def test_check_finds_split_tags_unbalanced_blocks_and_missing_styles(tmp_path):
    split = ('<w:p><w:r><w:t xml:space="preserve">{{ doc.ti</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
             '<w:t>tle }}</w:t></w:r></w:p>')
    template = make_template(tmp_path, build.p("intro") + split + build.p("{% if draft %}open"),
                             drop_style="ListNumber")
    found = check_template(template)
    by_code = {f.code: f for f in found}
    assert by_code["split_tag"].severity == "warning" and "paragraph 2" in by_code["split_tag"].field
    assert by_code["syntax"].severity == "error" and "line" in by_code["syntax"].field
    assert by_code["missing_style"].message == "no style named 'List Number' (styles are found by name)"
    assert main(["template", "check", str(template)]) == 1


def test_check_warns_when_style_numbering_cannot_show_the_house_style_labels():
    found = check_template(ROOT / "report_templates" / "cabinet_report.docx", "continuous")
    [warning] = [f for f in found if f.code == "list_definition"]
    assert "Numbered Paragraph" in warning.field and "'%1.%2'" in warning.message and "'%1.'" in warning.message
    assert not [f for f in check_template(ROOT / "report_templates" / "cabinet_report.docx", "cabinet")
                if f.code == "list_definition"]


def test_styles_are_found_by_name_not_id(tmp_path):
    """A template whose style ids differ (as LibreOffice writes them) still renders with the right styles."""
    source = build.build("council_report")
    out = tmp_path / "renamed.docx"
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/styles.xml":
                data = data.replace(b'w:styleId="NumberedParagraph"', b'w:styleId="Numbered_20_Paragraph"')
            dst.writestr(item, data)
    doc = tmp_path / "paper.docx"
    ldd_reports.render(minimal_report(), doc, out)
    para = next(p for p in open_docx(doc).paragraphs if p.text == "A paragraph.")
    assert para.style.name == "Numbered Paragraph"


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
@pytest.mark.parametrize("name", ["cabinet_report", "council_report", "executive_report"])
def test_built_in_template_saved_by_libreoffice_still_renders(tmp_path, name):
    shutil.copy(ROOT / "report_templates" / f"{name}.docx", tmp_path / "in.docx")
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "saved"),
                    str(tmp_path / "in.docx")], check=True, capture_output=True, timeout=180)
    saved = tmp_path / "saved" / "in.docx"
    assert saved.read_bytes() != (tmp_path / "in.docx").read_bytes()
    out = tmp_path / "london.docx"  # London's paper has a footnote: LibreOffice dropped the empty footnotes part
    ldd_reports.render(ldd_reports.load(ROOT / "sample_inputs" / "london_councils_executive_2019.yaml"), out, saved)
    d = open_docx(out)
    assert any(p.text.startswith("In July 2018, local authorities") and p.style.name == "Numbered Paragraph"
               for p in d.paragraphs)
    with zipfile.ZipFile(out) as z:
        assert b"Brent, Camden" in z.read("word/footnotes.xml")


def _imports(path: Path, package: str) -> set[str]:
    """The ldd_reports modules a module imports, at any depth in the file (lazy imports too)."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    if module.endswith(".__init__"):
        module = module[: -len(".__init__")]
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            parts = base[: len(base) - node.level + 1] if node.level else []
            target = ".".join(parts + ([node.module] if node.module else [])) if node.level else node.module or ""
            if target.startswith(package):
                found.add(target)
                found.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith(package))
    return found


def test_the_package_has_no_import_circle():
    files = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
             for p in (ROOT / "ldd_reports").rglob("*.py")}
    graph = {m: {t for t in _imports(p, "ldd_reports") if t in files and t != m} for m, p in files.items()}
    # A package's __init__ re-exports its modules; importing the package is importing them.
    for m in files:
        for t in list(graph[m]):
            if files[t].name == "__init__.py" and t != "ldd_reports":
                graph[m] |= {c for c in graph[t] if c.startswith(t + ".")}
    graph["ldd_reports"] = set()  # the top level only re-exports, lazily, on first use (and installs the display)
    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        seen[m] = 1
        stack.append(m)
        for t in sorted(graph[m]):
            if seen.get(t) == 1:
                raise AssertionError("import circle: " + " -> ".join(stack[stack.index(t):] + [t]))
            if t not in seen:
                visit(t)
        stack.pop()
        seen[m] = 2

    for m in sorted(graph):
        if m not in seen:
            visit(m)
    assert "ldd_reports.checks" not in graph["ldd_reports.models.documents"]


#: What the models' layer must never reach, even through a deferred import: the outline, the writers, the outputs.
ABOVE_THE_MODELS = {"outline", "outliner", "front_matter", "back_matter", "sections_outline", "decision_record",
                    "docx_writer", "wordml", "word_sections", "package", "pipeline", "preview", "pdf", "batch",
                    "templates", "checks"}


def test_the_models_reach_no_outline_writer_or_output():
    files = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
             for p in (ROOT / "ldd_reports").rglob("*.py")}
    graph = {m: {t for t in _imports(p, "ldd_reports") if t in files and t != m} for m, p in files.items()}
    models = [m for m in files if m.startswith("ldd_reports.models")]
    assert len(models) >= 6
    for start in models:
        reached, todo = set(), [start]
        while todo:
            for there in graph[todo.pop()] - reached - {"ldd_reports"}:  # the package: what ties it together
                reached.add(there)
                todo.append(there)
        above = {m.removeprefix("ldd_reports.") for m in reached} & ABOVE_THE_MODELS
        assert not above, f"{start} reaches {sorted(above)}"


def test_a_document_shows_in_a_notebook_through_the_installed_hook_and_preview_stays_the_function():
    report = ldd_reports.load(ROOT / "sample_inputs" / "warwickshire_cabinet_2020.yaml")
    shown = report._repr_html_()
    assert shown.startswith('<div class="ldd-preview">') and "Warwickshire County Council" in shown
    assert ldd_reports.preview(report).startswith("<!DOCTYPE html>")  # the function, not the module
