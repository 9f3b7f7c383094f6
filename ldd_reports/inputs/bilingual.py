"""A bilingual input: one document per language, each text given as {cy: ..., en: ...} projected to its language.

A paper with ``languages: [cy, en]`` is two single-language papers that share what is not words
(dates, numbers, names written once). Wherever a value is a mapping of language codes, each
version takes its own; a value written once is both versions'. What one language lacks becomes a
placeholder (a draft shows it, a final render refuses it) and a parity problem for ``check``, as
do paired lists of different lengths and paired texts whose links, figures or dates differ.
"""

from __future__ import annotations

import re
from typing import Any

from ..content.dates import LANGUAGE_NAMES
from ..content.messages import untranslated_text
from ..errors import Problem
from .source import Path_, dotted

__all__ = ["bilingual_languages", "parity_problems", "project"]

_KEYS = frozenset(LANGUAGE_NAMES)
_LINK = re.compile(r"https?://[^\s)\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SETTINGS = frozenset({"house_style", "language", "languages", "bilingual", "text_format", "date_format"})  # not words
# Values the same in every language: names, addresses, references, kinds (anything else written once is not)
_SAME_IN_BOTH = frozenset({"name", "short_name", "email", "telephone", "date", "reference", "item", "kind", "nation",
                           "body_kind", "document", "type", "standard", "outcome", "call_in", "layout", "label",
                           "forward_plan_reference", "paragraph", "time", "commitment_labels"})
_FIGURE = re.compile(r"\d+(?:[.,:/]\d+)*")


def bilingual_languages(data: Any) -> list[str]:
    """The input's two languages (``languages: [cy, en]``), or [] for a paper in one language."""
    languages = data.get("languages") if isinstance(data, dict) else None
    if isinstance(languages, list) and len(languages) == 2 and set(languages) <= _KEYS and \
            languages[0] != languages[1]:
        return [str(code) for code in languages]
    return []


def _paired(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= _KEYS


def project(data: Any, language: str, path: Path_ = ()) -> Any:
    """``data`` in one language: each {cy: ..., en: ...} replaced by its ``language`` value (a placeholder
    naming the field where it has none)."""
    if _paired(data):
        if language in data:
            return project(data[language], language, path)
        return untranslated_text(dotted(path), language)
    if isinstance(data, dict):
        return {key: project(value, language, (*path, key)) for key, value in data.items()}
    if isinstance(data, list):
        return [project(item, language, (*path, i)) for i, item in enumerate(data)]
    return data


def parity_problems(data: Any, languages: list[str], path: Path_ = (), within: bool = False) -> list[Problem]:
    """Where the two versions differ in more than words: a language missing, lists of different lengths, a
    link, figure or date in one text and not the other, words written once (so the same in both). Each names
    the field (and the language missing); ``within``: inside one language's value."""
    problems: list[Problem] = []
    if _paired(data):
        for language in languages:
            if language not in data:
                problems.append(Problem(dotted(path), f"no {LANGUAGE_NAMES[language]} version ({language})"))
        present = [data[code] for code in languages if code in data]
        if len(present) == 2:
            problems += _compare(present[0], present[1], languages, path)
        for code in languages:
            if code in data and not isinstance(data[code], str):  # what is in one language's value is in it
                problems += parity_problems(data[code], languages, (*path, code), within=True)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in _SETTINGS and not (key in _SAME_IN_BOTH and isinstance(value, str)):
                problems += parity_problems(value, languages, (*path, key), within)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            problems += parity_problems(item, languages, (*path, i), within)
    elif isinstance(data, str) and path and not within and len(re.findall(r"[^\W\d_]{2,}", data)) >= 2:
        problems.append(Problem(dotted(path), "written once, so both versions print the same words: give it in "
                                "each language ({cy: ..., en: ...}; the same words twice if they are)"))
    return problems


def _compare(first: Any, second: Any, languages: list[str], path: Path_) -> list[Problem]:
    where = dotted(path)
    if isinstance(first, list) and isinstance(second, list):
        if len(first) != len(second):
            return [Problem(where, f"{len(first)} items in {LANGUAGE_NAMES[languages[0]]} and {len(second)} in "
                                   f"{LANGUAGE_NAMES[languages[1]]}: the versions pair item by item")]
        return [p for a, b, i in zip(first, second, range(len(first)))
                for p in _compare(a, b, languages, (*path, languages[0], i))]
    if isinstance(first, str) and isinstance(second, str):
        problems = []
        for what, pattern in (("links", _LINK), ("figures and dates", _FIGURE)):
            one, other = sorted(pattern.findall(first)), sorted(pattern.findall(second))
            if one != other:
                only = sorted(set(one) ^ set(other)) or one
                problems.append(Problem(where, f"the {what} differ between the versions ({', '.join(only[:3])}): "
                                               f"{LANGUAGE_NAMES[languages[0]]} {one}, "
                                               f"{LANGUAGE_NAMES[languages[1]]} {other}"))
        return problems
    return []
