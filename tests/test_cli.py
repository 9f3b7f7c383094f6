"""The command line: exit codes 0 ok, 1 invalid input or failed check, 2 usage; no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import ldd_reports.templating.templates
from ldd_reports.cli import main

from conftest import ROOT, label_values, open_docx, sample_path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ldd_reports", *args], capture_output=True, text=True, cwd=ROOT)


def test_render_writes_the_docx(tmp_path):
    out = tmp_path / "w.docx"
    result = run("render", str(sample_path("warwickshire_cabinet_2020")), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.exists() and open_docx(out).paragraphs[0].text == "Cabinet"


def test_render_with_house_style_and_template_options(tmp_path):
    out = tmp_path / "w.docx"
    assert main(["render", str(sample_path("warwickshire_cabinet_2020")), "-o", str(out),
                 "--house-style", "executive", "--template", "council_report"]) == 0
    d = open_docx(out)
    assert list(label_values(d))[-1] == "Recommendations"  # the executive header block
    assert d.core_properties.title == "Local Digital Declaration"
    assert main(["render", str(sample_path("warwickshire_cabinet_2020")), "-o", str(out), "--force",
                 "--house-style", "no_such_style"]) == 1


def test_render_several_inputs_to_a_folder(tmp_path):
    assert main(["render", str(sample_path("warwickshire_cabinet_2020")), str(sample_path("conwy_commitment_2019")),
                 "--out-dir", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conwy_commitment_2019.docx",
                                                          "warwickshire_cabinet_2020.docx"]


def test_invalid_input_exits_1_with_field_and_line_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation:\n  name: X\n  kind: parish\nmeeting: {body: Cabinet, date: 2026-01-05}\n"
                   "recommendations: {items: [A]}\n", encoding="utf-8")
    out = tmp_path / "bad.docx"
    result = run("render", str(bad), "-o", str(out))
    assert result.returncode == 1
    assert "line 3: organisation.kind" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_existing_output_exits_1_and_force_overwrites(tmp_path):
    out = tmp_path / "c.docx"
    out.write_bytes(b"edited")
    args = ["render", str(sample_path("conwy_commitment_2019")), "-o", str(out)]
    assert main(args) == 1
    assert out.read_bytes() == b"edited"
    assert main(args + ["--force"]) == 0
    assert out.read_bytes() != b"edited"


def test_validate_reports_each_file(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: memo\n", encoding="utf-8")
    assert main(["validate", str(sample_path("conwy_commitment_2019"))]) == 0
    assert main(["validate", str(sample_path("conwy_commitment_2019")), str(bad)]) == 1
    captured = capsys.readouterr()
    assert "valid commitment" in captured.out and "'document' must be" in captured.err


def test_schema_is_json_schema():
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "$defs" in schema and "Report" in schema["$defs"]


def test_templates_lists_the_built_ins(capsys):
    assert main(["templates"]) == 0
    assert "executive_report" in capsys.readouterr().out


@pytest.mark.parametrize("args", [[], ["render"], ["frobnicate"], ["render", "a.yaml", "b.yaml", "-o", "x.docx"]])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_missing_input_file_exits_1(tmp_path):
    result = run("render", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1 and "cannot read the file" in result.stderr


def test_wildcards_are_expanded_when_the_shell_does_not(tmp_path, capsys):
    pattern = str(sample_path("conwy_commitment_2019").parent / "*_2019.yaml")
    assert main(["validate", pattern]) == 0
    out = capsys.readouterr().out
    assert "conwy_commitment_2019.yaml: valid commitment" in out
    assert "london_councils_executive_2019.yaml: valid report" in out
    assert main(["render", pattern, "--out-dir", str(tmp_path)]) == 0
    # conwy_commitment_2019, london_councils_executive_2019, and the bilingual statement's two versions
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == [
        "conwy_commitment_2019.docx", "conwy_commitment_bilingual_2019.cy.docx",
        "conwy_commitment_bilingual_2019.en.docx", "london_councils_executive_2019.docx"]


def test_render_refuses_an_output_that_is_its_input(tmp_path):
    source = tmp_path / "paper.yaml"
    source.write_bytes(sample_path("conwy_commitment_2019").read_bytes())
    result = run("render", str(source), "-o", str(source), "--force")
    assert result.returncode == 2 and "not .yaml" in result.stderr  # refused by its extension, first
    assert source.read_bytes() == sample_path("conwy_commitment_2019").read_bytes()
    template = tmp_path / "ours.docx"
    template.write_bytes(ldd_reports.templating.templates.resolve_template("commitment_statement", None).read_bytes())
    result = run("render", str(source), "--template", str(template), "-o", str(template), "--force")
    assert result.returncode == 2 and "is an input" in result.stderr
    assert template.read_bytes() == ldd_reports.templating.templates.resolve_template("commitment_statement", None).read_bytes()


def test_render_refuses_two_inputs_with_one_output_before_writing_anything(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "paper.yaml").write_bytes(sample_path("conwy_commitment_2019").read_bytes())
    out = tmp_path / "out"
    result = run("render", str(tmp_path / "a" / "paper.yaml"), str(tmp_path / "b" / "paper.yaml"),
                 "--out-dir", str(out))
    assert result.returncode == 2 and "would both be written to" in result.stderr
    assert not out.exists()


def test_validate_and_check_report_invalid_input_as_json(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: report\norganisation: {name: X, kind: distrct}\n", encoding="utf-8")
    good = str(sample_path("conwy_commitment_2019"))
    assert main(["validate", "--format", "json", good, str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report[good] == {"valid": True, "document": "commitment"}
    kind = [p for p in report[str(bad)]["problems"] if p["field"] == "organisation.kind"]
    assert len(kind) == 1 and kind[0]["line"] == 2 and kind[0]["file"] == str(bad)
    assert "did you mean 'district'?" in kind[0]["message"]
    assert main(["check", "--format", "json", good, str(bad)]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {(f["code"], f["field"]) for f in found[str(bad)]} >= {("invalid_input", "organisation.kind")}
    assert isinstance(found[good], list)


def test_version():
    import ldd_reports

    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"ldd-reports {ldd_reports.__version__}"


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, capsys):
    import ldd_reports.inputs.loaders

    def broken(path):
        raise RuntimeError("a bug in the library")

    monkeypatch.setattr(ldd_reports.inputs.loaders, "load", broken)
    assert main(["validate", str(sample_path("conwy_commitment_2019"))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: a bug in the library" in err and "--debug" in err
    with pytest.raises(RuntimeError):
        main(["--debug", "validate", str(sample_path("conwy_commitment_2019"))])


def _choices(parser):
    import argparse

    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # no public handle
    return list(sub.choices)


def test_a_command_line_that_names_its_command_builds_that_commands_parser_alone(capsys):
    """Every command is in its group's COMMANDS, once, in --help's order; naming one builds it alone (its
    own --help, --debug before it, its usage errors), and no command, --help or an unknown one builds all."""
    from ldd_reports.cli import _GROUPS, _command_named, build_parser

    every = _choices(build_parser())
    assert every == [name for group in _GROUPS for name in group.COMMANDS]
    assert len(set(every)) == len(every) >= 15
    for name in every:
        assert _choices(build_parser(name)) == [name]
    assert _command_named(["batch", "rows.csv"]) == "batch"
    assert _command_named(["--debug", "validate", "x.yaml"]) == "validate"
    assert _command_named(["--help"]) is None and _command_named(["nonsense"]) is None and _command_named([]) is None
    assert main(["--debug", "templates"]) == 0
    with pytest.raises(SystemExit) as stopped:
        main(["batch", "--help"])
    assert stopped.value.code == 0 and "--skip-existing" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stopped:
        main(["nonsense"])
    assert stopped.value.code == 2 and "choose from 'render', 'record'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    listed = capsys.readouterr().out
    assert stopped.value.code == 0 and all(name in listed for name in every)
    with pytest.raises(SystemExit) as stopped:
        main(["batch", "rows.csv"])  # its own usage error: --base and --out are required
    assert stopped.value.code == 2 and "--base" in capsys.readouterr().err
