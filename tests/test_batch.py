"""Batch drafting: one paper per row, bad rows reported, outputs equal to single renders."""

from __future__ import annotations

import csv
import multiprocessing
import os
import random
import subprocess
import sys

import pytest

import ldd_reports
from ldd_reports.batch import apply_row, read_rows, render_many
from ldd_reports.errors import InputError
from ldd_reports.cli import main
from ldd_reports.progress import ProgressBar

from conftest import ROOT, SAMPLES, all_text, open_docx
from docx_fixtures import build, make_template

BASE = SAMPLES / "batch_base.yaml"
CSV = SAMPLES / "councils_batch.csv"


def write_csv(path, rows, header=("organisation.name", "organisation.kind", "meeting.body", "meeting.body_kind")):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_sample_csv_has_at_least_300_distinct_real_councils():
    rows, _ = read_rows(CSV)
    names = [r["organisation.name"] for _, r in rows]
    assert len(rows) >= 300 and len(set(names)) == len(names)
    kinds = {r["organisation.kind"] for _, r in rows}
    assert {"county", "district", "unitary", "metropolitan", "london_borough", "welsh", "scottish",
            "combined_authority", "other"} <= kinds


def test_whole_sample_batch_writes_one_paper_per_council(tmp_path):
    result = render_many(BASE, CSV, tmp_path, workers=2)
    assert result.ok, result.failures[:3]
    rows, _ = read_rows(CSV)
    assert len(result.written) == len(rows) == len(list(tmp_path.iterdir()))
    london = tmp_path / "London Councils.docx"
    text = all_text(london)
    # Facts as at the row's meeting (December 2026): the Fund has no round, so nothing on who may bid.
    assert "no immediate plans for another round" in text
    assert "bid directly for the Local Digital Fund" not in text
    assert "Executive is recommended to:" in text
    assert open_docx(london).sections[0].header.paragraphs[0].text.startswith("London Councils")


def test_batch_outputs_equal_single_renders(tmp_path):
    rows, _ = read_rows(CSV)
    sample = random.Random(5).sample(rows, 6)
    result = render_many(BASE, sample, tmp_path / "batch", workers=2)
    assert result.ok
    base = ldd_reports.inputs.source.read(BASE).data
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


def test_unknown_columns_are_refused_once_before_any_row_with_did_you_mean(tmp_path):
    rows = write_csv(tmp_path / "rows.csv", [("Rugby Borough Council", "x", "y", "z")],
                     header=("organisation.name", "organisation.colour", "organisation.nme", "sections[1].titel"))
    with pytest.raises(InputError) as info:
        render_many(BASE, rows, tmp_path / "out", workers=1)
    problems = {p.field: p.message for p in info.value.problems}
    assert set(problems) == {"organisation.colour", "organisation.nme", "sections[1].titel"}
    assert "not a field of the input" in problems["organisation.colour"]
    assert "did you mean 'organisation.name'?" in problems["organisation.nme"]
    assert "did you mean 'sections[1].title'?" in problems["sections[1].titel"]  # the column's own item number
    assert all(p.line == 1 and p.file == str(rows) for p in info.value.problems)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


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
    assert not result.ok and result.existing == [out / "Rugby Borough Council.docx"] and not result.failures
    assert (out / "Rugby Borough Council.docx").read_bytes() == b"edited"
    skipped = render_many(BASE, rows, out, workers=1, skip_existing=True)
    assert skipped.ok and skipped.skipped == [out / "Rugby Borough Council.docx"] and not skipped.written
    assert (out / "Rugby Borough Council.docx").read_bytes() == b"edited"
    assert render_many(BASE, rows, out, workers=1, force=True).ok


def test_outputs_that_exist_are_one_summary_line_not_one_per_row(tmp_path, capsys):
    rows = write_csv(tmp_path / "rows.csv", [(f"Council {i}", "district", "Cabinet", "cabinet") for i in range(5)])
    out = tmp_path / "out"
    args = ["batch", str(rows), "--base", str(BASE), "--out", str(out), "--workers", "1", "--quiet"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.count("already exist") == 1 and "5 output(s) already exist" in err and "--skip-existing" in err
    assert main(args + ["--skip-existing"]) == 0
    assert "skipped 5 that already exist" in capsys.readouterr().out


def test_a_long_cjk_name_and_a_failing_template_row_do_not_stop_the_good_row(tmp_path, capsys):
    # The template divides by (name length - 3): a three-character name makes it raise ZeroDivisionError.
    template = make_template(tmp_path, build.p("{{ 10 // (doc.organisation.name|length - 3) }}"))
    rows = write_csv(tmp_path / "rows.csv", [("\u5e02\u8b70\u6703" * 100, "district", "Cabinet", "cabinet"),
                                             ("Bad", "district", "Cabinet", "cabinet"),
                                             ("Rugby Borough Council", "district", "Cabinet", "cabinet")])
    out = tmp_path / "out"
    code = main(["batch", str(rows), "--base", str(BASE), "--out", str(out), "--template", str(template),
                 "--workers", "1", "--quiet"])
    captured = capsys.readouterr()
    assert code == 1 and "Traceback" not in captured.err
    names = sorted(p.name for p in out.iterdir())
    assert "Rugby Borough Council.docx" in names and len(names) == 2  # the CJK name fits 255 bytes
    assert all(len(n.encode("utf-8")) <= 255 for n in names)
    assert "row 3: template: " in captured.err and "ZeroDivisionError" in captured.err
    assert "wrote 2 of 3 papers" in captured.out and "1 row(s) failed" in captured.err


def test_header_errors_are_reported_once_and_ragged_rows_each_on_their_own(tmp_path):
    bad_header = tmp_path / "bad.csv"
    bad_header.write_text("organisation.name,organisation..kind,organisation.name,\nA,b,c,d\nE,f,g,h\n",
                          encoding="utf-8")
    with pytest.raises(ldd_reports.InputError) as info:
        render_many(BASE, bad_header, tmp_path / "out")
    fields = [p.field for p in info.value.problems]
    assert fields == ["organisation..kind", "organisation.name", ""]  # each column once, not per row
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("organisation.name,meeting.body\nRugby Borough Council,Cabinet\nToo,Many,Cells\n"
                      "Too few\nWarwickshire County Council,Cabinet\n", encoding="utf-8")
    result = render_many(BASE, ragged, tmp_path / "out", workers=1)
    assert [f.row for f in result.failures] == [3, 4] and len(result.written) == 2
    assert "3 cell(s); the header has 2 columns" in str(result.failures[0])
    trailing = tmp_path / "trailing.csv"  # a spreadsheet's trailing comma: an empty, unnamed column
    trailing.write_text("organisation.name,\nRugby Borough Council,\n", encoding="utf-8")
    assert read_rows(trailing) == ([(2, {"organisation.name": "Rugby Borough Council"})], [])


def test_a_csv_saved_by_excel_in_windows_1252_is_refused_with_a_guess(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_bytes("organisation.name\nCyngor Gwynedd \u2013 Caernarfon\n".encode("cp1252"))
    with pytest.raises(ldd_reports.InputError) as info:
        read_rows(rows)
    message = str(info.value)
    assert "not UTF-8" in message and "Windows-1252" in message and "CSV UTF-8" in message and "line 2" in message


def test_a_time_limit_stops_a_runaway_row_and_the_next_row_is_written(tmp_path):
    # Iterating the paper's characters twice over: billions of steps for the long name only.
    template = make_template(tmp_path, build.p("{% if doc.organisation.name|length > 30 %}{% for a in "
                                               "fragments.paper %}{% for b in fragments.paper %}{% endfor %}"
                                               "{% endfor %}{% endif %}"))
    rows = write_csv(tmp_path / "rows.csv", [("A Council With A Very Long Name Indeed", "district", "Cabinet",
                                              "cabinet"), ("Rugby Borough Council", "district", "Cabinet", "cabinet")])
    result = render_many(BASE, rows, tmp_path / "out", template=template, workers=1, time_limit=1)
    assert [f.row for f in result.failures] == [2] and "time limit" in str(result.failures[0])
    assert [p.name for p in result.written] == ["Rugby Borough Council.docx"]


def test_an_output_that_is_an_input_is_refused(tmp_path):
    rows = write_csv(tmp_path / "base.docx", [("base", "district", "Cabinet", "cabinet")])
    with pytest.raises(ldd_reports.InputError, match="overwrite an input"):
        render_many(BASE, rows, tmp_path, workers=1, force=True)
    assert rows.read_text(encoding="utf-8").startswith("organisation.name")


def test_an_output_reaching_an_input_another_way_is_refused(tmp_path):
    """The folder named through '..', or an output's name already a link to an input: still refused."""
    rows = write_csv(tmp_path / "base.docx", [("base", "district", "Cabinet", "cabinet")])
    (tmp_path / "sub").mkdir()
    with pytest.raises(ldd_reports.InputError, match="overwrite an input"):
        render_many(BASE, rows, tmp_path / "sub" / "..", workers=1, force=True)
    if not hasattr(os, "symlink") or sys.platform == "win32":  # links need a privilege on Windows
        return
    other = tmp_path / "out"
    other.mkdir()
    linked = write_csv(tmp_path / "rows.csv", [("Linked", "district", "Cabinet", "cabinet")])
    (other / "Linked.docx").symlink_to(linked)
    with pytest.raises(ldd_reports.InputError, match="overwrite an input"):
        render_many(BASE, linked, other, workers=1, force=True)
    assert linked.read_text(encoding="utf-8").startswith("organisation.name")


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


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM and process groups are POSIX")
@pytest.mark.parametrize("name,code", [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_stops_the_workers_leaves_no_temporary_files_and_reports_what_was_written(tmp_path, name, code):
    import os
    import signal
    import time

    out = tmp_path / "out"
    # Long enough (ten times the sample's rows) that the signal lands mid-batch on a busy machine too
    with open(CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    long_csv = tmp_path / "long.csv"
    with open(long_csv, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        for k in range(10):
            writer.writerows({**row, "organisation.name": f"{row['organisation.name']} {k}"} for row in rows)
    # Started as from a terminal: a shell's background job (as some runners start the tests) inherits SIGINT
    # ignored, and a batch so started rightly goes on ignoring it
    start = ("import runpy, signal, sys\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"
             "sys.argv[0] = 'ldd-reports'\nrunpy.run_module('ldd_reports', run_name='__main__')")
    proc = subprocess.Popen([sys.executable, "-c", start, "batch", str(long_csv), "--base", str(BASE),
                             "--out", str(out), "--workers", "2", "--quiet"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 5:
        time.sleep(0.05)
    proc.send_signal(getattr(signal, name))
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr
    written = int(stderr.split(f"stopped by {name}: ")[1].split(" paper")[0])
    files = sorted(p.name for p in out.iterdir())
    assert 5 <= written == len(files) < 10 * len(rows) and all(f.endswith(".docx") for f in files)  # no .ldd-tmp
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):  # no worker outlived the batch
        os.killpg(proc.pid, 0)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory bound reads /proc/self/statm (Linux)")
def test_a_memory_limit_stops_a_row_that_allocates_without_end_and_the_next_row_is_written(tmp_path):
    # Each step is within the sandbox's caps; together they would take gigabytes.
    template = make_template(tmp_path, build.p("{% if doc.organisation.name|length > 30 %}{% for a in "
                                               "fragments.paper %}{{ 'x' * 1000000 }}{% endfor %}{% endif %}"))
    rows = write_csv(tmp_path / "rows.csv", [("A Council With A Very Long Name Indeed", "district", "Cabinet",
                                              "cabinet"), ("Rugby Borough Council", "district", "Cabinet", "cabinet")])
    result = render_many(BASE, rows, tmp_path / "out", template=template, workers=1, memory_limit=300 * 1024 * 1024)
    assert [f.row for f in result.failures] == [2] and "MB of memory" in str(result.failures[0])
    assert [p.name for p in result.written] == ["Rugby Borough Council.docx"]


def test_a_csv_is_read_as_the_workers_need_its_rows_never_all_at_once(tmp_path, monkeypatch):
    """The rows are drawn a few chunks ahead of the workers: the first paper is back before most are read."""
    from ldd_reports.inputs import csv_rows

    rows = [(f"Council {n}", "district", "Cabinet", "cabinet") for n in range(300)]
    path = write_csv(tmp_path / "rows.csv", rows)
    passes: list[int] = []
    original = csv_rows.RowStream.__iter__

    def counted(self):
        passes.append(0)
        for item in original(self):
            passes[-1] += 1
            yield item

    monkeypatch.setattr(csv_rows.RowStream, "__iter__", counted)
    drawn_at_first: list[int] = []

    def progress(done, total, failed):
        if not drawn_at_first:
            drawn_at_first.append(passes[-1])

    result = render_many(BASE, path, tmp_path / "out", workers=2, progress=progress)
    assert result.ok and len(result.written) == 300
    assert passes[0] == 300  # a first pass counts the rows, finds clashes and existing files, keeps none
    assert drawn_at_first[0] <= 5 * 16 + 16, drawn_at_first  # at most the chunks in flight, and the next
    assert [p.name for p in result.written][:3] == ["Council 0.docx", "Council 1.docx", "Council 2.docx"]


def test_row_stream_reads_the_same_rows_as_read_rows_each_time_it_is_iterated(tmp_path):
    from ldd_reports.inputs.csv_rows import RowFailure, RowStream

    path = tmp_path / "rows.csv"
    path.write_text("organisation.name,meeting.body,\nA,Cabinet,\n\nB,Cabinet\nC,Cabinet,,extra\n", encoding="utf-8")
    stream = RowStream(path)
    assert stream.total == 3
    first, second = list(stream), list(stream)
    assert first == second
    assert first[0] == (2, {"organisation.name": "A", "meeting.body": "Cabinet"})
    assert isinstance(first[1], RowFailure) and first[1].row == 4  # the blank line 3 is skipped, not counted
    rows, failures = read_rows(path)
    assert rows == [first[0]] and [f.row for f in failures] == [4, 5]
    path.write_text("organisation.name,,\nA,,held\n", encoding="utf-8")
    with pytest.raises(InputError, match="column 3 has no name but holds values"):
        RowStream(path)


def test_row_stream_splits_records_where_a_file_opened_with_newline_empty_does(tmp_path):
    """Quoted line breaks, CR-only and CRLF line ends, and characters other splitters break at (U+2028, form feed)."""
    import io
    from ldd_reports.inputs.csv_rows import _RECORD_LINE, RowStream

    generator = random.Random(24)
    pieces = ["a", ",", '"', "\r", "\n", "\r\n", "\u2028", "\x0c", "\u00e9", " "]
    for _ in range(5000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 30)))
        assert [m.group() for m in _RECORD_LINE.finditer(text)] == list(io.StringIO(text, newline="")), repr(text)
    text = ('organisation.name,meeting.body\r"Line one\nline two",Cabinet\r\n'
            'Caerdydd\u2028Cardiff,Cabinet\rform\x0cfeed,"Cab,inet"')
    path = tmp_path / "rows.csv"
    path.write_bytes(text.encode("utf-8"))
    with open(path, encoding="utf-8", newline="") as f:
        expected = list(csv.reader(f))[1:]
    assert [[row["organisation.name"], row["meeting.body"]] for _, row in RowStream(path)] == expected
    assert expected[0][0] == "Line one\nline two" and len(expected) == 3


def test_the_papers_written_are_listed_in_the_csvs_order_under_the_names_they_were_written_as(tmp_path):
    rows = [("Same Council", "district", "Cabinet", "cabinet"), ("Other", "district", "Cabinet", "cabinet"),
            ("Broken", "not_a_kind", "Cabinet", "cabinet"), ("same council", "district", "Cabinet", "cabinet")]
    rows += [(f"Council {n}", "county", "Cabinet", "cabinet") for n in range(6)]  # enough for the workers
    out = tmp_path / "out"
    out.mkdir()
    (out / "Other.docx").write_bytes(b"a clerk's copy")  # left alone: not written, not listed
    result = render_many(BASE, write_csv(tmp_path / "rows.csv", rows), out, workers=2)
    assert [p.name for p in result.written] == ["Same Council.docx", "same council-2.docx",
                                                *(f"Council {n}.docx" for n in range(6))]
    assert all(p.parent == out and p.is_file() for p in result.written)
    assert [p.name for p in result.existing] == ["Other.docx"] and [f.row for f in result.failures] == [4]
    assert (out / "Other.docx").read_bytes() == b"a clerk's copy"


def test_a_worker_prepares_only_the_templates_its_rows_use_and_a_forked_one_does_not_draft_again():
    """The parent drafts the base (its template prepared, shared with forked workers); a worker that has that
    draft does not make another, and no other built-in template is prepared until a row asks for it."""
    code = """
import sys
from ldd_reports.inputs.source import read
from ldd_reports.templating import templates
from ldd_reports.batch import workers
import ldd_reports.pipeline as pipeline

prepared, drafts = [], []
cached = templates._prepare_cached
templates._prepare_cached = lambda path, *rest: prepared.append(path.rsplit('/', 1)[-1]) or cached(path, *rest)
render = pipeline.render_bytes
pipeline.render_bytes = lambda *a, **k: drafts.append(1) or render(*a, **k)
base = read(sys.argv[1]).data
workers.init_worker(base, None, False, False, None, (None, None), in_worker=False)  # the parent
workers.init_worker(base, None, False, False, None, (None, None))  # a worker forked from it
print(sorted(set(prepared)), len(drafts))
"""
    done = subprocess.run([sys.executable, "-c", code, str(BASE)], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["['cabinet_report.docx']", "1"], done.stdout + done.stderr


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched row reaches forked workers only")
def test_the_batch_process_drafts_rows_itself_beside_its_workers(tmp_path, monkeypatch):
    """With two workers the batch's own process is one of them: it drafts rows beside the other, which is
    forked once and kept two chunks ahead; every row is written once, by one process or the other."""
    from ldd_reports.batch import workers

    log = tmp_path / "who.txt"
    original = workers.render_row

    def logged(task):
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {task[0]}\n")
        return original(task)

    monkeypatch.setattr(workers, "render_row", logged)
    rows = [(f"Council {n}", "district", "Cabinet", "cabinet") for n in range(120)]
    result = render_many(BASE, write_csv(tmp_path / "rows.csv", rows), tmp_path / "out", workers=2)
    assert result.ok and len(result.written) == 120
    drafted = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert sorted(int(seq) for _, seq in drafted) == list(range(120))  # each row once
    by = {pid: sum(1 for who, _ in drafted if who == pid) for pid, _ in drafted}
    assert len(by) == 2 and str(os.getpid()) in by  # this process and one forked worker
    assert all(count >= 20 for count in by.values()), by  # both drafted a fair share


def test_a_batch_with_spawned_workers_writes_every_paper_as_one_worker_does(tmp_path):
    """Workers spawned, as on Windows and macOS (each starts afresh and drafts the base itself), beside this
    process drafting rows too: every paper written, the same text as a one-worker batch's."""
    rows = [(f"Council {n}", "district" if n % 3 else "county", "Cabinet", "cabinet") for n in range(40)]
    csv_path = write_csv(tmp_path / "rows.csv", rows)
    script = ("import multiprocessing, sys\nfrom ldd_reports.batch import render_many\n"
              "if __name__ == '__main__':\n    multiprocessing.set_start_method('spawn')\n"
              "    result = render_many(sys.argv[1], sys.argv[2], sys.argv[3], workers=2)\n"
              "    print(result.ok, len(result.written))\n")
    done = subprocess.run([sys.executable, "-c", script, str(BASE), str(csv_path), str(tmp_path / "spawned")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and done.stdout.split() == ["True", "40"], done.stdout + done.stderr
    one = render_many(BASE, csv_path, tmp_path / "one", workers=1)
    assert one.ok
    for paper in one.written:
        assert all_text(tmp_path / "spawned" / paper.name) == all_text(paper)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked only on Linux")
@pytest.mark.parametrize("setup,expected", [
    ("", "fork"),  # nothing chosen, one thread: forked, whatever the version's default (3.14: forkserver)
    ("threading.Thread(target=time.sleep, args=(1,), daemon=True).start()", "None"),  # another thread: the default
    ("multiprocessing.set_start_method('spawn')", "None"),  # the program's own choice stands
])
def test_workers_are_forked_only_where_it_is_safe_and_nothing_else_was_chosen(setup, expected):
    probe = ("import multiprocessing, threading, time\nfrom ldd_reports.batch.pool import forking\n"
             f"{setup}\ncontext = forking()\nprint(context.get_start_method() if context else None)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.split() == [expected], done.stdout + done.stderr


def _stopping_worker(monkeypatch, tmp_path, rows_that_stop, every_time):
    """render_row patched so that a forked worker (never this process) is killed as it starts one of
    ``rows_that_stop`` (places in the batch): each time, or only the first time."""
    import signal

    from ldd_reports.batch import workers

    parent, original, marker = os.getpid(), workers.render_row, tmp_path / "stopped-once"

    def stopping(task):
        if os.getpid() != parent and task[0] in rows_that_stop and (every_time or not marker.exists()):
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return original(task)

    monkeypatch.setattr(workers, "render_row", stopping)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched row reaches forked workers only")
def test_a_worker_killed_mid_batch_is_replaced_and_its_rows_are_drafted_again(tmp_path, monkeypatch):
    """The first two chunks always go to the other worker: killing it at row 3 loses both. The batch goes on
    in a new worker, and the rows lost with the old one are written (rows 0-2 it had written already)."""
    _stopping_worker(monkeypatch, tmp_path, {3}, every_time=False)
    rows = [(f"Council {n}", "district", "Cabinet", "cabinet") for n in range(120)]
    result = render_many(BASE, write_csv(tmp_path / "rows.csv", rows), tmp_path / "out", workers=2)
    assert (tmp_path / "stopped-once").exists()  # the worker was killed
    assert result.ok, result.failures
    assert [p.name for p in result.written] == [f"Council {n}.docx" for n in range(120)]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"Council {n}.docx" for n in range(120))
    assert "Council 3" in all_text(tmp_path / "out" / "Council 3.docx")


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched row reaches forked workers only")
def test_a_row_that_kills_its_worker_every_time_fails_alone_and_the_batch_goes_on(tmp_path, monkeypatch):
    from ldd_reports.batch.pool import STOPPED

    _stopping_worker(monkeypatch, tmp_path, {3}, every_time=True)
    rows = [(f"Council {n}", "district", "Cabinet", "cabinet") for n in range(120)]
    result = render_many(BASE, write_csv(tmp_path / "rows.csv", rows), tmp_path / "out", workers=2)
    assert [(f.row, [p.message for p in f.problems]) for f in result.failures] == [(5, [STOPPED])]  # CSV line 5
    assert [p.name for p in result.written] == [f"Council {n}.docx" for n in range(120) if n != 3]
    assert not (tmp_path / "out" / "Council 3.docx").exists()
    assert not [p for p in (tmp_path / "out").iterdir() if not p.name.endswith(".docx")]  # no temporary file


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched row reaches forked workers only")
def test_rows_lost_with_a_worker_are_drafted_again_replacing_with_force(tmp_path, monkeypatch):
    """With --force a lost row's file may be the old one or the lost worker's: it is drafted again either way."""
    rows = [(f"Council {n}", "district", "Cabinet", "cabinet") for n in range(40)]
    csv_path = write_csv(tmp_path / "rows.csv", rows)
    out = tmp_path / "out"
    out.mkdir()
    for n in range(40):
        (out / f"Council {n}.docx").write_bytes(b"an old copy")
    _stopping_worker(monkeypatch, tmp_path, {2}, every_time=False)
    result = render_many(BASE, csv_path, out, workers=2, force=True)
    assert (tmp_path / "stopped-once").exists()  # the worker was killed
    assert result.ok and len(result.written) == 40
    assert all((out / f"Council {n}.docx").read_bytes()[:2] == b"PK" for n in range(40))  # every one replaced


def test_chunks_shrink_towards_the_end_down_to_one_row():
    from ldd_reports.batch.pool import chunk_size

    for count, workers in [(395, 2), (7900, 2), (40, 4), (5, 2), (1, 1)]:
        sizes, left = [], count
        while left:
            sizes.append(chunk_size(left, workers))
            left -= min(sizes[-1], left)
        assert max(sizes) <= 16 and sizes == sorted(sizes, reverse=True)
        assert sizes[-workers:] == [1] * min(workers, len(sizes))  # no worker left with a long last chunk


class _OtherWorker:
    """A stand-in for the pool: one other worker that drafts ``speed`` rows in the time this process drafts one."""

    made: list[_OtherWorker] = []

    def __init__(self, size, init, speed=2):
        self.size, self.speed, self.pending, self.queue, self.done = size, speed, {}, [], set()
        self.idle = 0  # rows' worth of time it had nothing to draft while rows were still to be handed out
        _OtherWorker.made.append(self)

    def submit(self, chunk):
        key = object()
        self.pending[key] = chunk
        self.queue.append([key, len(chunk)])

    def advance(self, rows_left):
        for _ in range(self.speed):
            if not self.queue:
                self.idle += rows_left > 0
                continue
            self.queue[0][1] -= 1
            if not self.queue[0][1]:
                self.done.add(self.queue.pop(0)[0])

    def finished(self, wait):
        for key in [key for key in self.pending if wait or key in self.done]:
            yield [(seq, line, out, []) for seq, line, _, out in self.pending.pop(key)]

    def take_lost(self):
        return []

    def close(self):
        pass

    def stop(self):
        pass


def test_this_process_hands_the_other_workers_their_next_chunk_between_its_own_rows(monkeypatch):
    """A worker quicker than this process (its pages warm, this one's not) is never left without work while
    rows remain: this process looks for its finished chunks after each row it drafts, not after a chunk."""
    from ldd_reports.batch import pool, workers

    count, drawn = 300, [0]
    tasks = [(n, n + 2, {}, f"out{n}") for n in range(count)]

    def stream():
        for task in tasks:
            drawn[0] += 1
            yield task

    def here(task):
        _OtherWorker.made[-1].advance(count - drawn[0])
        return task[0], task[1], task[3], []

    monkeypatch.setattr(_OtherWorker, "made", [])
    monkeypatch.setattr(pool, "_Pool", _OtherWorker)
    monkeypatch.setattr(workers, "render_row", here)
    done = [outcome[0] for chunk in pool.outcomes(stream(), count, 2, ()) for outcome in chunk]
    assert sorted(done) == list(range(count))  # every row once
    assert _OtherWorker.made[-1].idle == 0
    # A stream that ends before its count (rows the plan counted, then gone) ends the batch with it
    fewer = [outcome[0] for chunk in pool.outcomes(iter(tasks[:50]), count, 2, ()) for outcome in chunk]
    assert sorted(fewer) == list(range(50))


def _cgroups(tmp_path, own: str, files: dict[str, str]):
    """A control-group tree under tmp_path: ``own`` as /proc/self/cgroup reads, ``files`` by path under the root."""
    root = tmp_path / "cgroup"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="ascii")
    (tmp_path / "own").write_text(own, encoding="ascii")
    return str(root), str(tmp_path / "own")


def test_a_control_groups_cpu_limit_is_read_from_its_own_group_or_one_above(tmp_path):
    from ldd_reports.limits import cgroup_cpus

    # cgroup v2: the process's own group caps it at 1.5 CPUs, the one above at 4: the tighter cap holds
    root, own = _cgroups(tmp_path / "v2", "0::/pod/app\n", {"pod/app/cpu.max": "150000 100000\n",
                                                           "pod/cpu.max": "400000 100000\n"})
    assert cgroup_cpus(root, own) == 1.5
    # its own says "max" (no cap): the group above's cap still holds
    root, own = _cgroups(tmp_path / "v2up", "0::/pod/app\n", {"pod/app/cpu.max": "max 100000\n",
                                                             "pod/cpu.max": "200000 100000\n"})
    assert cgroup_cpus(root, own) == 2
    # cgroup v1: quota and period in two files under the cpu controller's folder; -1 is no cap
    root, own = _cgroups(tmp_path / "v1", "4:memory:/x\n3:cpu,cpuacct:/docker/abc\n",
                         {"cpu/docker/abc/cpu.cfs_quota_us": "300000\n", "cpu/docker/abc/cpu.cfs_period_us": "100000\n"})
    assert cgroup_cpus(root, own) == 3
    root, own = _cgroups(tmp_path / "v1none", "3:cpu:/\n", {"cpu/cpu.cfs_quota_us": "-1\n",
                                                           "cpu/cpu.cfs_period_us": "100000\n"})
    assert cgroup_cpus(root, own) is None
    # nothing to read (not Linux, or no cpu controller): no cap
    assert cgroup_cpus(str(tmp_path / "none"), str(tmp_path / "missing")) is None
    root, own = _cgroups(tmp_path / "garbled", "0::/\n", {"cpu.max": "lots\n"})
    assert cgroup_cpus(root, own) is None


def test_the_default_worker_count_is_the_cores_this_process_may_use(monkeypatch):
    from ldd_reports import limits

    machine = limits.usable_cores()
    assert 1 <= machine <= (os.cpu_count() or 1)
    monkeypatch.setattr(limits, "cgroup_cpus", lambda: 0.5)  # a container given half a CPU: one worker
    assert limits.usable_cores() == 1
    monkeypatch.setattr(limits, "cgroup_cpus", lambda: 1000.0)  # a cap above the cores: the cores
    assert limits.usable_cores() == machine


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2, reason="needs CPU affinity")
def test_a_process_pinned_to_one_core_drafts_its_batch_alone(tmp_path):
    """taskset -c 0 (or a CI runner's affinity): the default is one worker, not a process for each of the
    machine's cores competing for the one it may use."""
    rows = write_csv(tmp_path / "rows.csv", [(f"Council {n}", "district", "Cabinet", "cabinet") for n in range(8)])
    script = ("import os, sys\nos.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})\n"
              "from ldd_reports.limits import usable_cores\nfrom ldd_reports.batch import pool, render_many\n"
              "pool._Pool = None  # a pool made would fail the batch\n"
              "result = render_many(sys.argv[1], sys.argv[2], sys.argv[3])\n"
              "print(usable_cores(), result.ok, len(result.written))\n")
    done = subprocess.run([sys.executable, "-c", script, str(BASE), str(rows), str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.stdout.split() == ["1", "True", "8"], done.stdout + done.stderr


def test_a_worker_count_below_one_is_refused(tmp_path, capsys):
    rows = write_csv(tmp_path / "rows.csv", [("Rugby Borough Council", "district", "Cabinet", "cabinet")])
    with pytest.raises(ValueError, match="workers must be at least 1, not 0"):
        render_many(BASE, rows, tmp_path / "out", workers=0)
    for given, said in [("0", "at least 1 process, not 0"), ("-2", "at least 1 process, not -2"),
                        ("two", "not a whole number: 'two'")]:
        with pytest.raises(SystemExit) as stopped:
            main(["batch", str(rows), "--base", str(BASE), "--out", str(tmp_path / "out"), "--workers", given])
        assert stopped.value.code == 2
        assert f"argument --workers: {said}" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # refused before anything was made
