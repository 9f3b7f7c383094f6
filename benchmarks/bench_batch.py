"""Measure the batch against a plain docxtpl script and the zip floor, and print the figures.

    python benchmarks/bench_batch.py [--rows sample_inputs/councils_batch.csv] [--workers 2] [--runs 5]

Every figure is a fresh process measured from outside (start-up included): wall time and the CPU
of its whole process tree (POSIX); the compared commands take turns, each run writing new files
to a folder of its own; peak memory is sampled in runs of its own. The baseline (benchmarks/docxtpl_script.py) is what a user
would write instead: docxtpl templates built from the library's own output, a fresh DocxTemplate
a row, the same number of processes; its papers' paragraph text is checked equal to the batch's.
The floor (benchmarks/zip_floor.py) re-zips one finished paper a row with the names replaced.
Then: peak memory of 20x the batch against the batch, 1 worker against 2 (beside the start, a 1-row
batch, and what two busy processes side by side cost this machine, which bound it; and the bound again
with only the start the dependencies need, no library code), one paper through the
CLI against `python -c "import docxtpl"`, and `--version`. Targets from issue 24 beside each.
The PDF figure is `make bench-pdf` (benchmarks/bench_pdf.py; about ten minutes).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from baseline_templates import build  # noqa: E402
from measure import Run, compile_package, measure  # noqa: E402

BIN = Path(sys.executable).parent
CLI = [str(BIN / "ldd-reports")] if (BIN / "ldd-reports").exists() else [sys.executable, "-m", "ldd_reports"]
BASE = ROOT / "sample_inputs" / "batch_base.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def batch(rows: Path, out: Path, workers: int) -> list[str]:
    return [*CLI, "batch", str(rows), "--base", str(BASE), "--out", str(out), "--quiet", "--force",
            "--workers", str(workers)]


def settle() -> None:
    """Start a run on a quiet machine: the files the last one wrote flushed to disk (their write-back would
    otherwise land in this run's time), and a moment for a 2-core machine that was busy to become idle."""
    if hasattr(os, "sync"):
        os.sync()
    time.sleep(1)


def median_runs(commands: dict[str, Callable[[int], list[str]]], runs: int) -> dict[str, Run]:
    """The median by CPU (wall where there is no CPU figure) of ``runs`` runs of each command.

    The commands take turns, round by round, so a machine that slows down for a while slows all
    of them alike, each after :func:`settle`. Each run writes to a folder of its own (the command names it by
    the run): every side writes new files, as a first batch does (replacing a paper, --force, flushes it
    to disk first).
    """
    each: dict[str, list[Run]] = {name: [] for name in commands}
    for k in range(runs):
        for name, cmd in commands.items():
            settle()
            each[name].append(measure(cmd(k)))
    return {name: sorted(done, key=lambda r: r.cpu if r.cpu is not None else r.wall)[len(done) // 2]
            for name, done in each.items()}


def paragraph_text(path: Path) -> dict[str, list[str]]:
    """Each text part's paragraphs (body, headers, footers) and the core properties, as text."""
    text: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml") or name == "docProps/core.xml":
                root = etree.parse(io.BytesIO(z.read(name))).getroot()
                if name == "docProps/core.xml":
                    # what the paper says about itself, not when it was made
                    text[name] = [child.text or "" for child in root
                                  if child.text and etree.QName(child).localname not in ("created", "modified")]
                else:
                    text[name] = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    return {name: paras for name, paras in text.items() if any(paras)}


def differences(rows: list[dict[str, str]], ours: Path, theirs: Path) -> dict[str, list[str]]:
    """{part: the papers whose text in it differs} between the batch's folder and a numbered folder."""
    from ldd_reports.inputs.filenames import safe_filename

    used: set[str] = set()
    found: dict[str, list[str]] = {}
    for i, row in enumerate(rows):
        mine = ours / safe_filename(row["organisation.name"], ".docx", used)
        a, b = paragraph_text(mine), paragraph_text(theirs / f"{i}.docx")
        for part in sorted(a.keys() | b.keys()):
            if a.get(part) != b.get(part):
                found.setdefault(part, []).append(mine.stem)
    return found


def said(found: dict[str, list[str]], n: int) -> str:
    if not found:
        return f"equal in all {n} papers"
    return "; ".join(f"{part} differs in {len(names)} ({', '.join(names[:2])})" for part, names in found.items())


# An allocation-heavy Python loop (dicts, lists and strings made and dropped, as a row's are), timed inside
# its own process: alone, then two at once, to show what this machine does to two busy processes.
_ALLOCATING = ("import time\nt = time.process_time()\nfor _ in range(30):\n"
               "    made = [{'a': str(i), 'b': [i] * 5} for i in range(20000)]\nprint(time.process_time() - t)")


# The least start any program doing the library's work with its dependencies pays: the interpreter, a
# pydantic model validated, a Jinja template rendered, XML parsed and YAML read (no library code at all).
_DEPENDENCIES = ("from pydantic import BaseModel\nimport jinja2, yaml\nfrom lxml import etree\n"
                 "class Row(BaseModel):\n    name: str\n"
                 "Row.model_validate(yaml.safe_load('name: Conwy'))\n"
                 "etree.fromstring(jinja2.Template('<p>{{ name }}</p>').render(name='Conwy'))")


def side_by_side(rounds: int = 5) -> float:
    """The median over ``rounds`` of (CPU of the loop run two at once) / (CPU of the loop run alone)."""
    import subprocess

    def run(n: int) -> float:
        procs = [subprocess.Popen([sys.executable, "-c", _ALLOCATING], stdout=subprocess.PIPE, text=True)
                 for _ in range(n)]
        return statistics.mean(float(p.communicate()[0]) for p in procs)

    return statistics.median(run(2) / run(1) for _ in range(rounds))


def cpu(run: Run) -> str:
    return "n/a" if run.cpu is None else f"{run.cpu:.2f} s"


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a / b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=Path, default=ROOT / "sample_inputs" / "councils_batch.csv")
    ap.add_argument("--workers", type=int, default=2, help="for the batch, the baseline and the floor alike")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with open(args.rows, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    n, workers = len(rows), args.workers
    print(f"{n} papers from {args.rows.name}; {os.cpu_count()} cores; {workers} workers; Python "
          f"{sys.version.split()[0]}; each figure the median of {args.runs} runs")
    import ldd_reports

    compile_package(str(Path(ldd_reports.__file__).resolve().parent))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        blocks = build(BASE, args.rows, folder)
        figures = median_runs({
            "batch": lambda k: batch(args.rows, folder / f"batch{k}", workers),
            "baseline": lambda k: [sys.executable, str(HERE / "docxtpl_script.py"), str(folder / "templates" /
                                   "manifest.json"), str(args.rows), str(folder / f"docxtpl{k}"), "--workers",
                                   str(workers)],
            "floor": lambda k: [sys.executable, str(HERE / "zip_floor.py"), str(folder / "papers" / "manifest.json"),
                                str(args.rows), str(folder / f"floor{k}"), "--workers", str(workers)],
            "one": lambda k: batch(args.rows, folder / f"one{k}", 1),
        }, args.runs)
        ours, baseline, floor, one = figures["batch"], figures["baseline"], figures["floor"], figures["one"]
        unequal = differences(rows, folder / "batch0", folder / "docxtpl0")
        unequal_floor = differences(rows, folder / "batch0", folder / "floor0")
        twenty = folder / "twenty.csv"
        with open(twenty, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            for k in range(20):
                writer.writerows({**r, "organisation.name": f"{r['organisation.name']} {k}"} for r in rows)
        # Memory in runs of its own: the sampling thread would compete with the timed runs
        small = measure(batch(args.rows, folder / "rss", workers), memory=True)
        big = measure(batch(twenty, folder / "twenty", workers), memory=True)
        sample = ROOT / "sample_inputs" / "warwickshire_cabinet_2020.yaml"
        starts = median_runs({"paper": lambda k: [*CLI, "render", str(sample), "-o", str(folder / f"single{k}.docx")],
                              "import": lambda k: [sys.executable, "-c", "import docxtpl"]}, 7)
        paper, docxtpl_import = starts["paper"], starts["import"]
        version = statistics.median(measure([*CLI, "--version"]).wall for _ in range(5))
        first = folder / "first.csv"
        with open(first, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerow(rows[0])
        start = statistics.median(measure(batch(first, folder / f"first{k}", 1)).wall for k in range(5))
        slowdown = side_by_side()
        least = statistics.median(measure([sys.executable, "-c", _DEPENDENCIES]).wall for _ in range(5))

    def row(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
        verdict = "" if ok is None else "ok" if ok else "MISSED"
        print(f"  {label:52} {value:>16}   {('target ' + target) if target else '':16} {verdict}")

    print(f"templates built from the library's output: {len(blocks)} ({', '.join(map(str, blocks.values()))} "
          "{%p if %} blocks)")
    print(f"paragraph text, docxtpl script vs batch: {said(unequal, n)}")
    if list(unequal) == ["docProps/core.xml"]:  # seen: docxtpl's render of core properties escapes twice
        print("  (body, headers and footers equal; docxtpl escapes core properties twice: "
              "'&' prints as '&amp;', an apostrophe as '&#39;')")
    print(f"paragraph text, zip floor vs batch: {said(unequal_floor, n)}")
    print("figures:")
    row("ldd-reports batch: wall, CPU", f"{ours.wall:.2f} s, {cpu(ours)}")
    row("plain docxtpl script: wall, CPU", f"{baseline.wall:.2f} s, {cpu(baseline)}")
    row("zip floor: wall, CPU", f"{floor.wall:.2f} s, {cpu(floor)}")
    cpu_ratio, wall_ratio = ratio(ours.cpu, baseline.cpu), ours.wall / baseline.wall
    row("batch / docxtpl script, CPU", "n/a" if cpu_ratio is None else f"{cpu_ratio:.3f}x", "<= 0.15x",
        None if cpu_ratio is None else cpu_ratio <= 0.15)
    row("batch / docxtpl script, wall", f"{wall_ratio:.3f}x")
    floor_ratio = ratio(ours.cpu, floor.cpu)
    row("batch / zip floor, CPU", "n/a" if floor_ratio is None else f"{floor_ratio:.2f}x", "<= 2x",
        None if floor_ratio is None else floor_ratio <= 2)
    row("batch / zip floor, wall", f"{ours.wall / floor.wall:.2f}x")
    peak = small.peak
    if peak:
        row(f"peak RSS, batch; 20x batch ({20 * n} papers)", f"{peak / 2**20:.0f}; {big.peak / 2**20:.0f} MB")
        row("peak RSS, 20x batch / batch", f"{big.peak / peak:.2f}x", "<= 1.10x", big.peak / peak <= 1.10)
    row(f"{workers} workers / 1 worker, wall", f"{ours.wall / one.wall:.2f}x", "<= 0.6x", ours.wall / one.wall <= 0.6)
    # What the start and the machine allow: the start S (a 1-row batch) is serial; the rest P of one worker's
    # wall time splits over the workers, each slowed by k when they run side by side.
    rest = max(one.wall - start, 0.0)
    row("  start: a 1-row batch, wall", f"{start:.2f} s")
    row("  machine: 2 busy processes / 1, CPU each (k)", f"{slowdown:.2f}x")
    row(f"  so at best (S + kP/{workers}) / (S + P)", f"{(start + slowdown * rest / workers) / one.wall:.2f}x")
    # The same bound were the library's own start nothing: only the interpreter's and its dependencies'
    row("  the dependencies' start alone (S0), wall", f"{least:.2f} s")
    floor_bound = (least + slowdown * rest / workers) / (least + rest)
    row(f"  so at best, with S0 (S0 + kP/{workers}) / (S0 + P)", f"{floor_bound:.2f}x")
    if ours.wall / one.wall > 0.6 and floor_bound > 0.6:
        print("    (out of reach on this machine: were the library's own start nothing, the bound would still be "
              "above 0.6x)")
    paper_ratio = ratio(paper.cpu, docxtpl_import.cpu)
    row("one paper via the CLI: CPU", cpu(paper))
    row("one paper / python -c 'import docxtpl', CPU", "n/a" if paper_ratio is None else f"{paper_ratio:.2f}x",
        "<= 2.5x", None if paper_ratio is None else paper_ratio <= 2.5)
    row("ldd-reports --version, wall", f"{version:.3f} s", "< 0.1 s", version < 0.1)
    print(f"  (20x batch {big.wall:.1f} s wall; 1 worker {one.wall:.2f} s wall, {cpu(one)} CPU; "
          f"import docxtpl {cpu(docxtpl_import)} CPU)")


if __name__ == "__main__":
    main()
