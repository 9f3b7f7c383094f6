"""The program's start: its garbage collector paused, on again for a batch's rows, and pydantic's plugins not
looked for; a library caller's collector and environment left as they set them."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ldd_reports import collector, render_many

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "sample_inputs" / "batch_base.yaml"


@pytest.fixture(autouse=True)
def _collector_restored(monkeypatch):
    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    monkeypatch.setattr(collector, "_paused", False)
    yield
    gc.enable() if enabled else gc.disable()
    if gc.get_freeze_count() > frozen:
        gc.unfreeze()


def _rows(n: int) -> list[tuple[int, dict[str, str]]]:
    return [(k + 2, {"organisation.name": f"Council {k}", "organisation.kind": "district"}) for k in range(n)]


def test_paused_for_the_start_and_on_again_for_a_batchs_rows(tmp_path):
    gc.enable()
    frozen = gc.get_freeze_count()
    collector.pause_for_start()
    assert not gc.isenabled()
    seen: list[bool] = []
    result = render_many(BASE, _rows(3), tmp_path, workers=1, progress=lambda *_: seen.append(gc.isenabled()))
    assert result.ok and len(result.written) == 3
    assert seen == [True, True, True]  # every row with the collector on
    assert gc.get_freeze_count() > frozen  # what the start made, set aside for the life of the process
    collector.resume_for_rows()
    assert gc.isenabled()  # a second batch in the same process finds it on, and leaves it so


def test_two_workers_leave_the_programs_start_set_aside_and_a_library_callers_heap_as_it_was(tmp_path):
    """Frozen while the workers fork and run; after, the command line's start stays frozen (a pass over all of
    it at exit cost a fifth of a batch), and a library caller's objects are its collector's again."""
    gc.enable()
    frozen = gc.get_freeze_count()
    assert render_many(BASE, _rows(4), tmp_path / "library", workers=2).ok
    assert gc.get_freeze_count() == frozen and gc.isenabled()
    collector.pause_for_start()
    result = render_many(BASE, _rows(4), tmp_path / "program", workers=2)
    assert result.ok and len(result.written) == 4
    assert gc.get_freeze_count() > frozen and gc.isenabled()  # the start, set aside for the life of the process
    gc.unfreeze()
    gc.freeze()  # a program that froze its own heap (as a pre-forking server does): left as it set it
    own = gc.get_freeze_count()
    assert own > 0 and render_many(BASE, _rows(4), tmp_path / "own", workers=2).ok
    assert gc.get_freeze_count() >= own


def test_a_library_callers_collector_is_left_as_they_set_it(tmp_path):
    gc.disable()  # a program that turned it off on purpose
    frozen = gc.get_freeze_count()
    seen: list[bool] = []
    assert render_many(BASE, _rows(2), tmp_path, workers=1, progress=lambda *_: seen.append(gc.isenabled())).ok
    assert seen == [False, False] and not gc.isenabled() and gc.get_freeze_count() == frozen
    gc.enable()
    assert render_many(BASE, _rows(2), tmp_path / "again", workers=1).ok and gc.isenabled()


@pytest.mark.parametrize("start", ["from ldd_reports.cli import run\nrun()",
                                   "import runpy\nrunpy.run_module('ldd_reports', run_name='__main__')"],
                         ids=["console script", "python -m"])
def test_the_program_starts_with_the_collector_paused_and_importing_the_package_does_not(start):
    import ldd_reports

    probe = ("import atexit, gc, os, sys\nimport ldd_reports.cli\nprint(gc.isenabled())\n"
             "atexit.register(lambda: print(gc.isenabled(), repr(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))))\n"
             "sys.argv = ['ldd-reports', '--version']\n" + start)
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "ldd-reports", ldd_reports.__version__, "False", "'__all__'"]
    # plugins wanted: an empty value (or any other) is the user's, and kept
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                         env={**env, "PYDANTIC_DISABLE_PLUGINS": ""})
    assert out.stdout.split()[-1] == "''"


@pytest.mark.parametrize("args", [["--version"], ["render", "missing.yaml", "-o", "never.docx"]],
                         ids=["ok", "failed"])
def test_the_program_sets_what_it_made_aside_as_it_ends_and_main_does_not(args, tmp_path):
    """No pass of the collector over the whole heap at exit, whichever way the command ends."""
    probe = ("import atexit, gc, sys\natexit.register(lambda: print('FROZEN', gc.get_freeze_count() > 0))\n"
             "from ldd_reports.cli import {entry}\nsys.argv = ['ldd-reports', *sys.argv[1:]]\n{call}")
    for entry, call, frozen in (("run", "run()", True), ("main", "sys.exit(main())", False)):
        out = subprocess.run([sys.executable, "-c", probe.format(entry=entry, call=call), *args],
                             capture_output=True, text=True, cwd=tmp_path)
        assert out.stdout.split()[-2:] == ["FROZEN", str(frozen)], (entry, out.stdout, out.stderr)
        assert out.returncode == (0 if args == ["--version"] else 1)


def test_importing_the_package_or_calling_main_leaves_pydantics_plugins_alone(monkeypatch):
    from ldd_reports.cli import main

    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "PYDANTIC_DISABLE_PLUGINS" not in os.environ


def test_a_worker_started_afresh_drafts_with_the_collector_paused_and_works_with_it_on():
    # (a spawned worker, as on Windows and macOS: a forked one inherits the parent's draft and collector)
    probe = ("import gc, sys\nfrom ldd_reports.batch import workers\nimport ldd_reports.pipeline as p\n"
             "seen = []\nrender = p.render_bytes\n"
             "p.render_bytes = lambda *a, **k: (seen.append(gc.isenabled()), render(*a, **k))[1]\n"
             "from ldd_reports.inputs.source import read\n"
             "workers.init_worker(read(sys.argv[1]).data, None, False, False, None, (None, None))\n"
             "print(seen, gc.isenabled(), gc.get_freeze_count() > 0, workers._WORKER['base_doc'] is not None)\n")
    out = subprocess.run([sys.executable, "-c", probe, str(BASE)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["[False]", "True", "True", "True"]
