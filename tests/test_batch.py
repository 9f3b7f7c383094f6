"""Batch drafting: one paper per row, bad rows reported, outputs equal to single renders."""

from __future__ import annotations

import csv
import random
import subprocess
import sys

import pytest

import ldd_reports
from ldd_reports.batch import apply_row, read_rows, render_many
from ldd_reports.cli import main
from ldd_reports.progress import ProgressBar

from conftest import ROOT, SAMPLES, all_text, open_docx

BASE = SAMPLES / "batch_base.yaml"
CSV = SAMPLES / "councils_batch.csv"


def write_csv(path, rows, header=("organisation.name", "organisation.kind", "meeting.body", "meeting.body_kind")):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_sample_csv_has_at_least_300_distinct_real_councils():
    rows = read_rows(CSV)
    names = [r["organisation.name"] for _, r in rows]
    assert len(rows) >= 300 and len(set(names)) == len(names)
    kinds = {r["organisation.kind"] for _, r in rows}
    assert {"county", "district", "unitary", "metropolitan", "london_borough", "welsh", "scottish",
            "combined_authority", "other"} <= kinds


def test_whole_sample_batch_writes_one_paper_per_council(tmp_path):
    result = render_many(BASE, CSV, tmp_path, workers=2)
    assert result.ok, result.failures[:3]
    rows = read_rows(CSV)
    assert len(result.written) == len(rows) == len(list(tmp_path.iterdir()))
    london = tmp_path / "London Councils.docx"
    text = all_text(london)
    assert "would not be able to bid directly for the Local Digital Fund" in text
    assert "Executive is recommended to:" in text
    assert open_docx(london).sections[0].header.paragraphs[0].text.startswith("London Councils")


def test_batch_outputs_equal_single_renders(tmp_path):
    rows = read_rows(CSV)
    sample = random.Random(5).sample(rows, 6)
    result = render_many(BASE, sample, tmp_path / "batch", workers=2)
    assert result.ok
    base = ldd_reports.loaders.read(BASE).data
    for (line, row), batch_out in zip(sample, result.written):
        alone = tmp_path / f"alone-{line}.yaml"
        alone.write_text(__import__("yaml").safe_dump(apply_row(base, row), allow_unicode=True), encoding="utf-8")
        single = tmp_path / f"alone-{line}.docx"
        assert main(["render", str(alone), "-o", str(single)]) == 0
        assert all_text(batch_out) == all_text(single), row["organisation.name"]


def test_a_broken_row_is_reported_and_the_others_are_written(tmp_path, capsys):
    rows = write_csv(tmp_path / "rows.csv", [
        ("Rugby Borough Council", "district", "Cabinet", "cabinet"),
        ("Broken Council", "parish", "Cabinet", "cabinet"),
        ("Warwickshire County Council", "county", "Cabinet", "cabinet"),
        ("Bell Council", "district", "Cabinet\u0007", "cabinet"),
    ])
    out = tmp_path / "out"
    code = main(["batch", str(rows), "--base", str(BASE), "--out", str(out), "--workers", "1", "--quiet"])
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["Rugby Borough Council.docx", "Warwickshire County Council.docx"]
    captured = capsys.readouterr()
    assert "wrote 2 of 4 papers" in captured.out
    assert "row 3: organisation.kind" in captured.err
    assert "row 5: meeting.body" in captured.err and "U+0007" in captured.err
    assert "2 row(s) failed" in captured.err


def test_unknown_column_is_reported_with_its_row(tmp_path):
    rows = write_csv(tmp_path / "rows.csv", [("Rugby Borough Council", "x")], header=("organisation.name",
                                                                                        "organisation.colour"))
    result = render_many(BASE, rows, tmp_path / "out", workers=1)
    assert [f.row for f in result.failures] == [2]
    assert result.failures[0].problems[0].field == "organisation.colour"


def test_output_names_are_sanitised_and_unique(tmp_path):
    rows = write_csv(tmp_path / "rows.csv", [("../../escape", "district", "Cabinet", "cabinet"),
                                             ("CON", "district", "Cabinet", "cabinet"),
                                             ("Same Council", "district", "Cabinet", "cabinet"),
                                             ("same council", "district", "Cabinet", "cabinet")])
    out = tmp_path / "out"
    result = render_many(BASE, rows, out, workers=1)
    assert result.ok
    assert sorted(p.name for p in out.iterdir()) == ["CON-file.docx", "Same Council.docx", "escape.docx",
                                                     "same council-2.docx"]
    assert not (tmp_path / "escape.docx").exists()


def test_existing_outputs_are_kept_without_force(tmp_path):
    rows = write_csv(tmp_path / "rows.csv", [("Rugby Borough Council", "district", "Cabinet", "cabinet")])
    out = tmp_path / "out"
    out.mkdir()
    (out / "Rugby Borough Council.docx").write_bytes(b"edited")
    result = render_many(BASE, rows, out, workers=1)
    assert not result.ok and "already exists" in str(result.failures[0])
    assert (out / "Rugby Borough Council.docx").read_bytes() == b"edited"
    assert render_many(BASE, rows, out, workers=1, force=True).ok


def test_apply_row_sets_paths_and_never_changes_the_base():
    base = {"organisation": {"name": "A", "kind": "county"}, "sections": [{"title": "x"}]}
    result = apply_row(base, {"organisation.name": "B", "sections[0].title": "y", "meeting.body": "Cabinet",
                              "organisation.kind": ""})
    assert result == {"organisation": {"name": "B", "kind": "county"}, "sections": [{"title": "y"}],
                      "meeting": {"body": "Cabinet"}}
    assert base == {"organisation": {"name": "A", "kind": "county"}, "sections": [{"title": "x"}]}
    with pytest.raises(ValueError, match="no item 3"):
        apply_row(base, {"sections[3].title": "z"})


def test_progress_bar_draws_on_a_terminal_only(capsys):
    import io

    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=True, width=10)
    bar(5, 10, 1)
    bar(10, 10, 1)
    bar.close()
    assert "[#####-----] 5/10, 1 failed" in stream.getvalue() and stream.getvalue().endswith("\n")
    quiet = io.StringIO()
    ProgressBar(quiet)(1, 2, 0)  # StringIO is not a terminal
    assert quiet.getvalue() == ""


def test_cli_batch_is_quiet_when_not_a_terminal(tmp_path):
    rows = write_csv(tmp_path / "rows.csv", [("Rugby Borough Council", "district", "Cabinet", "cabinet")])
    result = subprocess.run([sys.executable, "-m", "ldd_reports", "batch", str(rows), "--base", str(BASE), "--out",
                             str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "[" not in result.stderr and "wrote 1 of 1 papers" in result.stdout


def test_batch_house_style_from_the_command_line_or_the_base(tmp_path, monkeypatch):
    rows = [(2, {"organisation.name": "Rugby Borough Council"})]
    base = ldd_reports.load("sample_inputs/continuous_cabinet_2026.yaml").model_dump(mode="json", exclude_unset=True)
    del base["house_style"]
    result = render_many(base, rows, tmp_path / "plain", house_style="continuous")
    assert result.ok and "TITLE OF REPORT:" in all_text(result.written[0])
    # A relative --house-style is relative to where the command runs, not to the base file.
    style = tmp_path / "ours.yaml"
    style.write_text("name: ours\nheader_block: {layout: lines, fields: [{label: 'OURS:', value: title}]}\n"
                     "parts: [header_block, summary, recommendations, body, background_papers, contacts, "
                     "circulation, appendices]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = render_many(ROOT / "sample_inputs" / "batch_base.yaml", rows, tmp_path / "ours", house_style="ours.yaml")
    assert result.ok and "OURS: " in all_text(result.written[0])
