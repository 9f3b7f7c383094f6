"""docs/: the input and house-style references are generated from the models and kept current."""

from __future__ import annotations

import re

import pytest

from ldd_reports.cli import main
from ldd_reports.house_styles.style import HouseStyle
from ldd_reports.models import Report
from ldd_reports.house_styles.style import house_style_reference
from ldd_reports.inputs.schema import reference

from conftest import ROOT


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
