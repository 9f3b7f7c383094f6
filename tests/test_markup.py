"""Inline markup: what is formatted, what stays literal, and escaping."""

from __future__ import annotations

import pytest

from ldd_reports.markup import escape, parse, plain_text


def fmt(text, markup=True):
    return [(s.text, s.bold, s.italic, s.underline, s.link, s.placeholder) for s in parse(text, markup)]


def test_bold_italic_underline_and_links():
    assert fmt("a **b** *c* ++d++ [e](https://x.org/p)") == [
        ("a ", False, False, False, None, False), ("b", True, False, False, None, False),
        (" ", False, False, False, None, False), ("c", False, True, False, None, False),
        (" ", False, False, False, None, False), ("d", False, False, True, None, False),
        (" ", False, False, False, None, False), ("e", False, False, False, "https://x.org/p", False)]


def test_nesting():
    assert fmt("*it **both** it*")[1] == ("both", True, True, False, None, False)


@pytest.mark.parametrize("text", ["5 * 3 * 2", "**unclosed", "a ** b", "[not a link](javascript:x)",
                                  "<u>x</u> & {{ y }} &amp; &#60;", "* starts a list", "price: 2*3", "snake_case_name",
                                  "a_file_name.py", "C:\\Users\\x", "line one\n   indented", "++ not underlined ++",
                                  "[relative](page.html)", "# not a heading", "> not a quote", "`not code`"])
def test_text_that_is_not_markup_stays_literal(text):
    assert plain_text(parse(text)) == text


def test_plain_mode_keeps_every_character():
    text = "**not bold** [x](https://y) \\*"
    assert fmt(text, markup=False) == [(text, False, False, False, None, False)]


def test_placeholders_are_found_in_both_modes():
    for markup in (True, False):
        spans = parse("Name: [TO COMPLETE: report author] end", markup)
        assert [s.placeholder for s in spans] == [False, True, False]


def test_escape_round_trips():
    text = r"a **b** [c](https://x) \ _d_ * e [^f] __g__ ++h++ (i)"
    assert plain_text(parse(escape(text))) == text
    assert [s.placeholder for s in parse(escape("x [TO COMPLETE: y] *z*"))] == [False, True, False]


def test_double_underscores_are_bold_as_in_markdown_and_underline_has_its_own_markers():
    assert fmt("__b__ _i_ ++u++") == [("b", True, False, False, None, False), (" ", False, False, False, None, False),
                                      ("i", False, True, False, None, False), (" ", False, False, False, None, False),
                                      ("u", False, False, True, None, False)]
    assert plain_text(parse("+++x+++")) == "+x+" and [s.underline for s in parse("+++x+++")] == [False, True, False]


def test_only_web_and_mail_links_are_links():
    assert fmt("[a](mailto:x@y.org) [b](file:///etc/passwd)") == [
        ("a", False, False, False, "mailto:x@y.org", False), (" [b](file:///etc/passwd)", False, False, False, None, False)]


def test_footnote_reference():
    spans = parse("boroughs[^Brent, Camden.] have")
    assert [(s.text, s.footnote) for s in spans] == [("boroughs", None), ("", "Brent, Camden."), (" have", None)]
