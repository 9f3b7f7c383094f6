"""No lost work and no surprises: atomic writes, overwrite protection, safe input and names."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

import ldd_reports
from ldd_reports import InputError, LddReportsError, OutputExistsError, RenderError, TemplateError
from ldd_reports.word import package
from ldd_reports.inputs.filenames import safe_filename
from ldd_reports.inputs.source import MAX_BYTES, MAX_DEPTH

from conftest import ROOT, minimal_report, open_docx

_UNNAMED = bool(package._UNNAMED) and os.path.isdir("/proc/self/fd")


@pytest.fixture(params=["unnamed", "named"])
def new_file_way(request, monkeypatch):
    """Each way a new file is written: unnamed then linked (Linux), or a named temporary file (elsewhere)."""
    if request.param == "unnamed" and not _UNNAMED:
        pytest.skip("no unnamed files here (Linux only)")
    if request.param == "named":
        monkeypatch.setattr(package, "_UNNAMED", 0)
    return request.param


def test_a_failure_mid_save_leaves_no_partial_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    out = tmp_path / "paper.docx"
    out.write_bytes(b"the clerk's edited version")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(package.os, "fsync", broken_fsync)
    with pytest.raises(RenderError) as info:
        ldd_reports.render(minimal_report(), out, force=True)
    assert "No space left on device" in str(info.value)
    assert out.read_bytes() == b"the clerk's edited version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.docx"]  # no temporary file left


def test_an_interrupt_mid_save_leaves_nothing_behind(tmp_path, monkeypatch, new_file_way):
    out = tmp_path / "new.docx"

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(package.os, "link", interrupted)  # a new file is linked into place
    with pytest.raises(KeyboardInterrupt):
        ldd_reports.render(minimal_report(), out)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_render_error_writes_nothing(tmp_path):
    out = tmp_path / "x.docx"
    with pytest.raises(TemplateError):
        ldd_reports.render(minimal_report(), out, template=tmp_path / "missing.docx")
    assert not out.exists()


def test_control_character_via_cli_names_the_field_and_leaves_output_identical(tmp_path):
    data = minimal_report()
    data["sections"][0]["content"] = ["Fine.", "Pasted from email: \u0007 bell"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.docx"
    ldd_reports.render(minimal_report(), out)
    before = out.read_bytes()
    result = subprocess.run([sys.executable, "-m", "ldd_reports", "render", str(bad), "-o", str(out), "--force"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "sections[0].content[1]" in result.stderr and "U+0007" in result.stderr and "position 20" in result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == before


def test_braces_in_officer_text_are_never_filled_as_library_fields(tmp_path):
    """Library text has {fields}; officer values put into it must never be filled again."""
    from ldd_reports.drafting import new_report

    name = "Cyngor {organisation} {department} {x} }{ & <Co>"
    report = new_report(name, "other", "Board {body} Committee", "2019-03-01")  # the Fund open: the name is quoted
    out = tmp_path / "b.docx"
    ldd_reports.render(report, out, draft=True)
    text = "\n".join(p.text for p in open_docx(out).paragraphs)
    assert f"As it is not a local authority, {name} would not be able to bid" in text
    assert "That the Board {body} Committee:" in text


def test_template_syntax_in_input_is_never_evaluated(tmp_path):
    data = minimal_report(text_format="plain", title="{{ 7*7 }}", sections=[{"title": "{% if true %}yes{% endif %}",
                                                        "content": ["{{ doc.__class__ }} {%p endif %} {{r x }}"]}])
    out = tmp_path / "t.docx"
    ldd_reports.render(data, out)
    texts = [p.text for p in open_docx(out).paragraphs]
    assert "{{ 7*7 }}" in texts and "49" not in texts
    assert "{% if true %}yes{% endif %}" in texts
    assert "{{ doc.__class__ }} {%p endif %} {{r x }}" in texts


@pytest.mark.parametrize("text", ["organisation: !!python/object/apply:os.system ['echo pwned']\n",
                                  "organisation: !!python/name:os.system\n",
                                  "organisation: !!set {a: null}\n"])
def test_yaml_objects_are_not_constructed(text):
    with pytest.raises(InputError) as info:
        ldd_reports.loads(text)
    assert "not allowed" in str(info.value) or "not valid YAML" in str(info.value)
    assert info.value.problems[0].line == 1


def test_yaml_alias_bomb_is_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefg", "bcdefgh"))
    with pytest.raises(InputError) as info:
        ldd_reports.loads(bomb)
    assert "aliases expand too far" in str(info.value)


def test_deep_nesting_is_refused():
    deep = "x: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(InputError) as info:
        ldd_reports.loads(deep)
    assert "nested more than" in str(info.value)


def test_oversized_input_file_is_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (MAX_BYTES + 10) + b"\n")
    with pytest.raises(InputError) as info:
        ldd_reports.load(big)
    assert "larger than" in str(info.value)


def test_bom_and_crlf_are_accepted(tmp_path):
    text = yaml.safe_dump(minimal_report(), sort_keys=False).replace("\n", "\r\n")
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    doc = ldd_reports.load(path)
    assert doc.organisation.name == "Rugby Borough Council"
    jpath = tmp_path / "windows.json"
    jpath.write_bytes(b"\xef\xbb\xbf" + json.dumps(minimal_report(), indent=1).replace("\n", "\r\n").encode())
    assert ldd_reports.load(jpath) == doc


def test_multi_line_strings_with_crlf_become_plain_newlines():
    text = "organisation: {name: X, kind: county}\r\nmeeting: {body: Cabinet, date: 2026-01-05}\r\n" \
           "recommendations: {items: [A]}\r\nsummary:\r\n  - \"one\\r\\ntwo\"\r\n"
    assert ldd_reports.loads(text).summary[0] == "one\ntwo"


def test_json_duplicate_keys_and_syntax_errors_have_lines(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{"organisation": {"name": "X", "kind": "county"},\n "organisation": {}}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        ldd_reports.load(path)
    assert "duplicate key 'organisation'" in str(info.value)
    path.write_text('{\n "organisation": {\n "name" "X"\n }\n}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        ldd_reports.load(path)
    assert info.value.problems[0].line == 3 and "Expecting ':' delimiter" in str(info.value)


def test_json_validation_errors_have_lines(tmp_path):
    path = tmp_path / "v.json"
    data = minimal_report()
    data["meeting"]["dat"] = "x"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(InputError) as info:
        ldd_reports.load(path)
    problem = next(p for p in info.value.problems if p.field == "meeting.dat")
    assert '"dat"' in path.read_text().splitlines()[problem.line - 1]


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"organisation:\n  name: Caf\xe9\n")
    with pytest.raises(InputError) as info:
        ldd_reports.load(path)
    assert info.value.problems[0].line == 2 and "not UTF-8" in str(info.value)


def test_errors_share_one_root_and_carry_their_fields():
    assert issubclass(InputError, LddReportsError) and issubclass(TemplateError, LddReportsError)
    assert issubclass(RenderError, LddReportsError) and issubclass(OutputExistsError, RenderError)
    with pytest.raises(LddReportsError) as info:
        ldd_reports.loads("organisation: {name: X, kind: county}\n", file="f.yaml")
    err = info.value
    assert isinstance(err, InputError) and err.file == "f.yaml" and err.field and err.line == 1


@pytest.mark.parametrize("name,expected", [
    ("../../x", "x.docx"),
    ("..\\..\\windows\\system32", "windows-system32.docx"),
    ("/etc/passwd", "etc-passwd.docx"),
    ("CON", "CON-file.docx"),
    ("nul.txt", "nul.txt-file.docx"),
    ("Bro<>:\"|?*ken", "Bro-ken.docx"),
    ("   ...   ", "document.docx"),
    ("Cyngor Sir Ynys Môn", "Cyngor Sir Ynys Môn.docx"),
])
def test_safe_filename(name, expected):
    result = safe_filename(name)
    assert result == expected
    assert os.sep not in result and "/" not in result and ".." not in result


def test_safe_filename_is_unique_ignoring_case():
    used: set[str] = set()
    names = [safe_filename(n, used=used) for n in ["Rugby", "rugby", "RUGBY", "Rugby"]]
    assert names == ["Rugby.docx", "rugby-2.docx", "RUGBY-3.docx", "Rugby-4.docx"]
    assert len({n.lower() for n in names}) == 4


def test_new_batch_files_skip_fsync_but_replacements_are_flushed(tmp_path, monkeypatch, new_file_way):
    calls = []
    real_fsync = os.fsync
    monkeypatch.setattr(package.os, "fsync", lambda fd: calls.append(fd) or real_fsync(fd))
    target = tmp_path / "new.docx"
    package.write_output(b"one", target, durable=False)
    assert calls == [] and target.read_bytes() == b"one"
    package.write_output(b"two", target, force=True, durable=False)  # replacing: flushed first
    assert len(calls) == 1 and target.read_bytes() == b"two"
    package.write_output(b"three", tmp_path / "single.docx")  # a single render is always flushed
    assert len(calls) == 2


@pytest.mark.parametrize("name,expected", [
    ("Evil\u202egpj.docx", "Evilgpj.docx.docx"),  # a right-to-left override would disguise the extension
    ("Zero\u200bwidth\u200d", "Zerowidth.docx"),
    ("COM\u00b9", "COM\u00b9-file.docx"),
    ("CONIN$", "CONIN$-file.docx"),
    ("conout$.txt", "conout$.txt-file.docx"),
    ("CON .report", "CON .report-file.docx"),
    ("LPT0", "LPT0-file.docx"),
])
def test_safe_filename_knows_controls_and_every_reserved_name(name, expected):
    assert safe_filename(name) == expected


def test_a_long_non_ascii_name_fits_255_bytes_with_room_to_be_unique():
    name = "\u5e02\u8b70\u6703" * 100  # 300 CJK characters: 900 bytes of UTF-8
    used: set[str] = set()
    names = [safe_filename(name, used=used) for _ in range(200)]
    assert all(len(n.encode("utf-8")) <= 255 for n in names)
    assert len(set(names)) == 200 and names[0].endswith(".docx")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_new_output_honours_the_umask(tmp_path, new_file_way):
    old = os.umask(0o002)  # a shared team folder: group may write
    try:
        package._new_file_mode.cache_clear()
        ldd_reports.render(minimal_report(), tmp_path / "paper.docx")
    finally:
        os.umask(old)
        package._new_file_mode.cache_clear()
    assert (tmp_path / "paper.docx").stat().st_mode & 0o777 == 0o664


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_force_keeps_the_replaced_files_mode(tmp_path):
    out = tmp_path / "paper.docx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    ldd_reports.render(minimal_report(), out, force=True)
    assert out.stat().st_mode & 0o777 == 0o640 and out.read_bytes()[:2] == b"PK"


def test_no_overwrite_holds_when_the_file_appears_after_the_check(tmp_path, monkeypatch, new_file_way):
    out = tmp_path / "paper.docx"
    real_link = os.link

    def someone_else_writes_first(*args, **kwargs):
        out.write_bytes(b"the clerk's file")  # appears between the existence check and the link
        return real_link(*args, **kwargs)

    monkeypatch.setattr(package.os, "link", someone_else_writes_first)
    with pytest.raises(OutputExistsError):
        ldd_reports.render(minimal_report(), out)
    monkeypatch.undo()
    assert out.read_bytes() == b"the clerk's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.docx"]


def test_with_force_a_file_that_appears_after_the_check_is_replaced_whole(tmp_path, monkeypatch, new_file_way):
    out = tmp_path / "paper.docx"
    real_link = os.link

    def someone_else_writes_first(*args, **kwargs):
        if not out.exists():
            out.write_bytes(b"the clerk's file")
        return real_link(*args, **kwargs)

    monkeypatch.setattr(package.os, "link", someone_else_writes_first)
    package.write_output(b"PK the paper", out, force=True, durable=False)
    monkeypatch.undo()
    assert out.read_bytes() == b"PK the paper"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.docx"]


@pytest.mark.skipif(not _UNNAMED, reason="unnamed files are Linux's")
def test_on_linux_a_new_file_is_written_unnamed_then_linked_in(tmp_path, monkeypatch):
    def no_named_temporary(*args, **kwargs):
        raise AssertionError("a named temporary file was made")

    monkeypatch.setattr(package.tempfile, "mkstemp", no_named_temporary)
    package.write_output(b"PK new", tmp_path / "a.docx", durable=False)
    assert (tmp_path / "a.docx").read_bytes() == b"PK new" and os.listdir(tmp_path) == ["a.docx"]
    with pytest.raises(AssertionError):  # a replacement keeps its named temporary file (and the old mode)
        package.write_output(b"PK again", tmp_path / "a.docx", force=True)


@pytest.mark.skipif(not _UNNAMED, reason="unnamed files are Linux's")
def test_a_folder_without_unnamed_files_gets_a_named_temporary_file(tmp_path, monkeypatch):
    real_open, made = os.open, []

    def no_unnamed(path, flags, *args, **kwargs):
        if flags & package._UNNAMED == package._UNNAMED:
            raise OSError(95, "Operation not supported")  # a file system without O_TMPFILE
        return real_open(path, flags, *args, **kwargs)

    real_mkstemp = package.tempfile.mkstemp
    monkeypatch.setattr(package.os, "open", no_unnamed)
    monkeypatch.setattr(package.tempfile, "mkstemp", lambda *a, **k: made.append(1) or real_mkstemp(*a, **k))
    package.write_output(b"PK new", tmp_path / "a.docx", durable=False)
    assert (tmp_path / "a.docx").read_bytes() == b"PK new" and made == [1]
    assert os.listdir(tmp_path) == ["a.docx"]


def test_a_new_file_failing_mid_write_leaves_nothing_and_says_why(tmp_path, monkeypatch, new_file_way):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    # the unnamed file is written with os.write, the named one through its file object
    monkeypatch.setattr(package.os, "write", disk_full)
    monkeypatch.setattr(package.os, "fdopen", lambda fd, *a, **k: os.close(fd) or disk_full())
    with pytest.raises(RenderError, match="No space left on device"):
        package.write_output(b"PK new", tmp_path / "a.docx", durable=False)
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []


def test_without_hard_links_no_overwrite_still_refuses_an_existing_name(tmp_path, monkeypatch, new_file_way):
    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(package.os, "link", no_links)
    out = tmp_path / "paper.docx"
    ldd_reports.render(minimal_report(), out)
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.docx"]


def test_every_error_survives_pickling_with_its_fields():
    import pickle

    from ldd_reports.errors import OpenItemsError, Problem
    from ldd_reports.limits import LimitExceeded

    problem = Problem("organisation.kind", "bad", "f.yaml", 3)
    errors = [InputError([problem], "f.yaml"), TemplateError("bad tag", "t.docx", "{{ x }}", 4),
              RenderError("cannot write", "out.docx"), OutputExistsError("out.docx"),
              OpenItemsError([problem]), LimitExceeded("took too long")]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error) and vars(copy) == vars(error)


def test_without_hard_links_a_failed_move_leaves_neither_claim_nor_temporary_file(tmp_path, monkeypatch,
                                                                                  new_file_way):
    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(package.os, "link", no_links)
    monkeypatch.setattr(package.os, "replace", full_disk)
    with pytest.raises(RenderError, match="No space left"):
        ldd_reports.render(minimal_report(), tmp_path / "paper.docx")
    assert list(tmp_path.iterdir()) == []
