"""fitting.fit alone: a line that fits is untouched; one that does not is cut at a word, with an ellipsis, to fit."""

from __future__ import annotations

import pytest

from ldd_reports.outline.fitting import FURNITURE_WIDTH, fit, text_width


def test_text_that_fits_is_returned_as_written():
    text = "Rugby Borough Council \u2013 Cabinet \u2013 Local Digital Declaration"
    assert text_width(text) < FURNITURE_WIDTH
    assert fit(text) == text


def test_widths_follow_the_font_not_the_character_count():
    assert text_width("W" * 10) > 2 * text_width("i" * 10)  # Arial: W is wide, i narrow
    assert text_width("abc", points=18) == pytest.approx(2 * text_width("abc", points=9))


@pytest.mark.parametrize("text", [
    "Policy and Resources Committee of the Royal Borough of Windsor and Maidenhead \u2013 " * 3,
    "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf / Rhondda Cynon Taf County Borough Council \u2013 Cabinet",
    "W" * 200,  # no space to cut at
])
def test_a_long_line_is_cut_to_fit_with_an_ellipsis(text):
    out = fit(text)
    assert text_width(out) <= FURNITURE_WIDTH
    assert out.endswith("\u2026") and text.startswith(out[:-1])
    assert not out[:-1].endswith((" ", ",", "\u2013"))  # no dangling separator before the ellipsis


def test_a_cut_ends_at_a_word_where_that_loses_little():
    text = "alpha " * 80
    out = fit(text)
    assert out[:-1].split(" ")[-1] == "alpha"  # whole words only


def test_a_narrower_width_cuts_sooner():
    text = "Local Digital Declaration commitment statement for a long council name"
    assert len(fit(text, width=100)) < len(fit(text, width=200)) <= len(text)
