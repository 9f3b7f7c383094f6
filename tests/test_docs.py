"""docs/: the input and house-style references are generated from the models and kept current."""

from __future__ import annotations

import re

import pytest

from ldd_reports.cli import main
from ldd_reports.house_styles.style import HouseStyle
from ldd_reports.models import Report
from ldd_reports.house_styles.style import house_style_reference
from ldd_reports.inputs.schema import reference

from conftest import ROOT, SAMPLES, needs_soffice


@pytest.mark.parametrize(("house_style", "name"), [(False, "input-reference.md"), (True, "house-style-reference.md")])
def test_the_reference_in_docs_is_what_the_models_say_now(house_style, name):
    assert (ROOT / "docs" / name).read_text("utf-8") == (house_style_reference() if house_style else reference()), \
        f"docs/{name} is out of date: run `make docs`"


def test_every_field_is_in_the_reference_with_its_description():
    text = reference()
    for field, info in Report.model_fields.items():
        assert re.search(rf"^\| `{field}` \| .* \| {re.escape(' '.join((info.description or '').split()))} \|$",
                         text, re.M), field
    styles = house_style_reference()
    assert all(f"| `{field}` |" in styles for field in HouseStyle.model_fields if field != "base_dir")
    assert "base_dir" not in styles  # set by the loader, not written in a file


def test_cli_writes_the_reference(tmp_path, capsys):
    out = tmp_path / "ref.md"
    assert main(["schema", "--format", "markdown", "-o", str(out)]) == 0
    assert out.read_text("utf-8") == reference()
    assert main(["schema", "--format", "markdown", "--house-style"]) == 0
    assert capsys.readouterr().out == house_style_reference()


def test_the_publication_page_shows_a_page_that_make_docs_draws():
    from PIL import Image

    page = (ROOT / "docs" / "publication.md").read_text("utf-8")
    image = ROOT / "docs" / "images" / "front-sheet-page-1.png"
    assert "](images/front-sheet-page-1.png)" in page
    makefile = (ROOT / "Makefile").read_text("utf-8")
    docs_target = makefile[makefile.index("\ndocs:"):makefile.index("\n\n", makefile.index("\ndocs:"))]
    assert "docs/page_image.py sample_inputs/front_sheet_cabinet_2026.yaml 1 docs/images/front-sheet-page-1.png" \
        in docs_target
    with Image.open(image) as drawn:
        assert drawn.format == "PNG"
        assert abs(drawn.height / drawn.width - 297 / 210) < 0.01  # a whole A4 page


@needs_soffice
@pytest.mark.libreoffice
def test_the_page_image_is_the_sample_laid_out_now():
    import importlib.util
    import io

    from PIL import Image, ImageChops

    spec = importlib.util.spec_from_file_location("page_image", ROOT / "docs" / "page_image.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    drawn = Image.open(io.BytesIO(module.page_image(SAMPLES / "front_sheet_cabinet_2026.yaml", 1)))
    with Image.open(ROOT / "docs" / "images" / "front-sheet-page-1.png") as kept:
        assert drawn.size == kept.size
        # The same page (fonts may differ a little between LibreOffice builds): most pixels agree.
        changed = ImageChops.difference(drawn.convert("L"), kept.convert("L")).point(lambda v: 255 if v > 64 else 0)
        assert sum(changed.histogram()[255:]) < 0.005 * drawn.width * drawn.height, "run `make docs`"


def test_the_parsed_markup_file_is_what_the_samples_draft_now(tmp_path):
    """ldd_reports/parsed_markup.json (the library's texts with markup, parsed) is what docs/parsed_markup.py writes
    now, and holds none of an input's own words. Run afresh: a warm process's caches skip the parser."""
    import json
    import subprocess
    import sys

    out = tmp_path / "parsed_markup.json"
    subprocess.run([sys.executable, str(ROOT / "docs" / "parsed_markup.py"), str(out)], check=True, cwd=ROOT)
    kept = ROOT / "ldd_reports" / "parsed_markup.json"
    assert kept.read_text("utf-8") == out.read_text("utf-8"), "ldd_reports/parsed_markup.json is out of date: run `make docs`"
    texts = json.loads(kept.read_text("utf-8"))
    assert any(text.startswith("**Economic recovery insight**") for text in texts)  # a catalogue item, composed
    warwickshire = (SAMPLES / "warwickshire_cabinet_2020.yaml").read_text("utf-8")
    assert "[Local Digital Fund](https://localdigital.gov.uk/fund/)" in warwickshire  # the officer's own link
    assert not any("[Local Digital Fund]" in text for text in texts)


def test_the_field_paths_file_is_what_the_models_say_now(capsys):
    """inputs/field_paths.txt (a batch CSV's vocabulary, read at start) is the paths worked out from the schema."""
    from ldd_reports.inputs.schema import compute_field_paths, field_paths, paths_file

    assert (ROOT / "ldd_reports" / "inputs" / "field_paths.txt").read_text("utf-8") == paths_file(), \
        "ldd_reports/inputs/field_paths.txt is out of date: run `make docs`"
    assert field_paths() == compute_field_paths()
    assert {"organisation.name", "sections[].title", "contacts[].email"} <= field_paths()
    assert main(["schema", "--format", "paths"]) == 0
    assert capsys.readouterr().out == paths_file()
    with pytest.raises(SystemExit) as stopped:  # a usage error: argparse's exit 2
        main(["schema", "--format", "paths", "--house-style"])
    assert stopped.value.code == 2
