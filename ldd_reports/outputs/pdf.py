"""PDF output: LibreOffice lays the .docx out as tagged PDF (PDF/UA), pikepdf finishes what it leaves.

One ``soffice`` process converts every file it is given (a batch's papers go through one), with
its own profile folder (so it never meets a LibreOffice the user has open) and a timeout.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import RenderError
from ..limits import usable_cores

__all__ = ["LIBREOFFICE_HINT", "PdfError", "convert", "count_pages", "docx_to_pdf", "find_soffice", "finish_pdf",
           "pdf_language"]

LIBREOFFICE_HINT = ("PDF output needs LibreOffice 7.4 or newer: install it (Debian/Ubuntu: "
                    "apt-get install libreoffice-writer-nogui; Windows and macOS: libreoffice.org), or set "
                    "LDD_SOFFICE to its soffice program")
_OPTIONS = {"UseTaggedPDF": True, "PDFUACompliance": True, "ExportBookmarks": True, "ExportNotes": False,
            "UseReferenceXObject": False}
_FILTER = "pdf:writer_pdf_Export:" + json.dumps(
    {k: {"type": "boolean", "value": str(v).lower()} for k, v in _OPTIONS.items()}, separators=(",", ":"))
_SECONDS_BASE, _SECONDS_PER_FILE = 60.0, 10.0
_MAX_COMMAND = 24_000  # characters of file names per process (Windows allows 32,767 in all)
_MAX_FILES = 200  # per process: soffice silently drops files after about the 247th argument
_MIN_FILES = 50


def pdf_language(language: str) -> str:
    """A paper's language as its PDF names it (/Lang): 'en-GB' as before, the bare code for another ('cy')."""
    return "en-GB" if language == "en" else language


class PdfError(RenderError):
    """LibreOffice is missing, failed or timed out, or its PDF could not be finished."""


def find_soffice() -> str:
    """LibreOffice's ``soffice``: $LDD_SOFFICE, the PATH, or where the Windows and macOS installers put it."""
    named = os.environ.get("LDD_SOFFICE")
    if named:
        if Path(named).is_file():
            return named
        raise PdfError(f"LDD_SOFFICE names {named!r}, which is not a file; " + LIBREOFFICE_HINT)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (Path(os.environ.get("PROGRAMFILES", "C:/Program Files")) / "LibreOffice/program/soffice.exe",
                      Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")):
        if candidate.is_file():
            return str(candidate)
    raise PdfError(LIBREOFFICE_HINT)


def convert(docx_files: Sequence[Path], timeout: float | None = None, processes: int | None = None
            ) -> dict[Path, Path | PdfError]:
    """Each .docx to a tagged PDF beside it (same name, .pdf); returns each input's PDF (an absolute path) or its error.

    Files go to one LibreOffice process; a large batch is shared by up to ``processes`` of them at
    a time (default: the cores this process may use), each with at least 50 files: a few starts, not one per paper.
    A group holds at most 200 files, because ``soffice --convert-to`` silently skips the files
    after about the 247th it is given. The PDFs are LibreOffice's own: pass their bytes to
    :func:`finish_pdf`.
    """
    soffice = find_soffice()
    by_folder: dict[Path, list[Path]] = {}
    for given in docx_files:
        # Absolute once, here: LibreOffice runs in the file's folder and is told where to write.
        by_folder.setdefault(Path(given).absolute().parent, []).append(Path(given))
    workers = max(1, processes or usable_cores())
    jobs = [(folder, group) for folder, files in by_folder.items() for group in _groups(files, workers)]
    results: dict[Path, Path | PdfError] = {}
    with ThreadPoolExecutor(max_workers=min(workers, len(jobs) or 1)) as pool:
        for done in pool.map(lambda job: _run(soffice, job[0], job[1], timeout), jobs):
            results.update(done)
    return results


def _groups(files: list[Path], workers: int) -> list[list[Path]]:
    """Files split evenly over the workers, at most _MAX_FILES and _MAX_COMMAND characters a group."""
    # A LibreOffice start costs about a second: a process per core only pays from ~50 files each.
    count = max(-(-len(files) // _MAX_FILES), min(workers, len(files) // _MIN_FILES), 1)
    size = -(-len(files) // count)
    groups: list[list[Path]] = [[]]
    chars = 0
    for path in files:
        if groups[-1] and (len(groups[-1]) >= size or chars + len(path.name) + 3 > _MAX_COMMAND):
            groups.append([])
            chars = 0
        groups[-1].append(path)
        chars += len(path.name) + 3
    return [g for g in groups if g]


def _run(soffice: str, folder: Path, files: list[Path], timeout: float | None) -> dict[Path, Path | PdfError]:
    seconds = timeout if timeout is not None else _SECONDS_BASE + _SECONDS_PER_FILE * len(files)
    with tempfile.TemporaryDirectory(prefix="ldd-soffice-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--nologo", "--nodefault", "--nolockcheck", "--convert-to", _FILTER, "--outdir", str(folder),
                   *[f.name for f in files]]
        # So a timeout ends its children too.
        if sys.platform == "win32":
            popen: dict[str, object] = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
        else:
            popen = {"start_new_session": True}
        try:
            process = subprocess.Popen(command, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, **popen)  # type: ignore[call-overload]
        except OSError as e:
            raise PdfError(f"cannot start LibreOffice ({soffice}): {e.strerror or e}; " + LIBREOFFICE_HINT) from e
        try:
            output, _ = process.communicate(timeout=seconds)
            failed = None if process.returncode == 0 else \
                f"LibreOffice exited with {process.returncode}: {_last_line(output)}"
        except subprocess.TimeoutExpired:
            _kill(process)
            failed = f"LibreOffice did not finish within {seconds:.0f} s"
        except BaseException:
            _kill(process)  # Ctrl-C or SIGTERM: no LibreOffice left behind
            raise
    results: dict[Path, Path | PdfError] = {}
    for f in files:
        pdf = folder / f.with_suffix(".pdf").name
        ok = pdf.is_file() and pdf.stat().st_size > 0 and pdf.stat().st_mtime >= (folder / f.name).stat().st_mtime - 1
        results[f] = pdf if ok else PdfError(failed or "LibreOffice wrote no PDF for it", str(f))
    return results


def _last_line(output: bytes | None) -> str:
    lines = [ln for ln in (output or b"").decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1] if lines else "no message"


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "nt":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.communicate()  # reap it and close its pipe


def docx_to_pdf(docx: bytes, title: str | None = None, language: str = "en-GB", timeout: float | None = None,
                output: str | None = None) -> bytes:
    """One .docx's bytes to a finished, tagged PDF's bytes; an error names ``output`` (the PDF to be)."""
    with tempfile.TemporaryDirectory(prefix="ldd-pdf-") as folder:
        path = Path(folder) / "paper.docx"
        path.write_bytes(docx)
        result = convert([path], timeout)[path]
        if isinstance(result, PdfError):  # name the user's file, not our temporary one
            raise PdfError(result.message, output) from result
        try:
            return finish_pdf(result.read_bytes(), title, language)
        except PdfError as e:
            raise PdfError(e.message, output) from e


def count_pages(docx: bytes) -> int:
    """How many pages LibreOffice lays a .docx out on."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(docx_to_pdf(docx))) as pdf:
        return len(pdf.pages)


def finish_pdf(data: bytes, title: str | None = None, language: str = "en-GB") -> bytes:
    """What LibreOffice's PDF/UA export leaves undone (checked with an independent PDF/UA checker).

    Pages with annotations get a structure tab order (/Tabs /S); links print (the Print flag);
    the note-to-reference back link LibreOffice adds outside the structure tree goes; notes get
    an /ID; empty paragraphs (an empty table cell's) leave the structure tree; the title and
    language are set, and viewers show the title.
    """
    import io

    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as e:
        raise PdfError(f"LibreOffice's PDF could not be read: {e}") from e
    with pdf:
        for page in pdf.pages:
            annots = page.obj.get("/Annots")
            if annots is None:
                continue
            kept = pikepdf.Array()
            for annot in annots:
                internal = "/Dest" in annot or ("/A" in annot and annot.A.get("/S") == "/GoTo")
                if annot.get("/Subtype") == "/Link" and "/StructParent" not in annot and internal:
                    continue  # untagged: a reader can never reach it
                annot.F = (int(annot.get("/F", 0)) | 4) & ~(2 | 32)  # Print on; Hidden and NoView off
                kept.append(annot)
            page.obj.Annots = kept
            page.obj.Tabs = pikepdf.Name.S
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            roles = {str(k): str(v) for k, v in root.get("/RoleMap", pikepdf.Dictionary()).items()}
            _tidy_structure(root, roles, [0])
        pdf.Root.Lang = pikepdf.String(language)
        pdf.Root.ViewerPreferences = pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary())
        pdf.Root.ViewerPreferences.DisplayDocTitle = True
        if title is not None:  # else the title LibreOffice took from the .docx's properties
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["dc:title"] = title
            pdf.docinfo.Title = title
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _tidy_structure(node: Any, roles: dict[str, str], notes: list[int]) -> bool:
    """Remove empty paragraphs below ``node``, give notes an /ID; True if ``node`` is an empty paragraph.

    LibreOffice names elements after paragraph styles ('/Text body') and maps them in the RoleMap.
    """
    import pikepdf

    if not isinstance(node, pikepdf.Dictionary):
        return False
    kind = str(node.get("/S", ""))
    kind = roles.get(kind, kind)
    if kind == "/Note" and "/ID" not in node:
        notes[0] += 1
        node.ID = pikepdf.String(f"note-{notes[0]}")
    kids = node.get("/K")
    if isinstance(kids, pikepdf.Array):
        kept = [k for k in kids if not _tidy_structure(k, roles, notes)]
        if len(kept) != len(kids):
            if kept:
                node.K = pikepdf.Array(kept)
            else:
                del node.K
        empty = not kept
    elif isinstance(kids, pikepdf.Dictionary):
        empty = _tidy_structure(kids, roles, notes)
        if empty:
            del node.K
    else:
        empty = kids is None
    return kind == "/P" and empty and "/Alt" not in node and "/ActualText" not in node
