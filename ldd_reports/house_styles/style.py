"""A council's house style: one YAML file of structural rules (numbering, header block, positions, check)."""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from ..content import library as lib
from ..content.messages import Catalogue, MessageError, catalogue
from ..errors import close_matches
from ..models.base import StrictModel, new_dict, new_list
from .procedure import CheckRules, DateRule, Note, RecordRule, TimetableRules
from .rules import (HEADER_FIELDS, PARTS, BackMatter, ContactPiece, ContactsRule, FieldRow, HeaderBlock, ImplicationGroup,
                    ImplicationKindRule, ImplicationsRule, LabelFormat, Numbering, PageFurniture, RecommendationsRule,
                    StyleText, parse_label)

__all__ = ["BackMatter", "CheckRules", "ContactPiece", "ContactsRule", "DateRule", "FieldRow", "HEADER_FIELDS",
           "HeaderBlock", "HouseStyle", "ImplicationGroup", "ImplicationKindRule", "ImplicationsRule", "LabelFormat",
           "Note", "Numbering", "PARTS", "PageFurniture", "RecommendationsRule", "RecordRule", "StyleArg",
           "TimetableRules", "builtin_source", "house_style_names", "house_style_reference", "house_style_schema",
           "load_house_style", "parse_label", "resolve_house_style", "style_key"]


class HouseStyle(StrictModel):
    """A council's house style: its Word template and the structure of its papers."""

    name: StyleText = Field(default="custom", description="Short name, e.g. 'continuous'.")
    language: Literal["en", "cy"] = Field(
        default="en", description="The language this style's own words are in, and its papers: 'cy' for Welsh "
        "(its labels, headings and `wording:` in Welsh; what it leaves unset is the library's Welsh where a "
        "published source gives one, else a placeholder a final render refuses, never English).")
    authoritative: Literal["cy", "en"] | None = Field(
        default=None, description="A combined bilingual paper: which version is authoritative, said at the top of "
        "each version (messages bilingual.authoritative.cy and .en); none by default.")
    description: StyleText = Field(default="", description="What the style is, in a line.")
    template: str | None = Field(default=None, description="Word template: a built-in name or a path to a .docx "
                                "relative to this file (default: the document kind's built-in template).")
    parts: list[Literal[PARTS]] = Field(  # type: ignore[valid-type]
        default_factory=lambda: list(PARTS), description="The report's parts in order: " + ", ".join(PARTS) + ".")
    numbering: Numbering = Field(default_factory=Numbering, description="Paragraph and list numbering.")
    header_block: HeaderBlock = Field(default_factory=HeaderBlock, description="The front of the paper.")
    recommendations: RecommendationsRule = Field(default_factory=RecommendationsRule,
                                                 description="Where the recommendations go.")
    implications: ImplicationsRule = Field(default_factory=ImplicationsRule, description="Implications layout.")
    contacts: ContactsRule = Field(default_factory=ContactsRule, description="Contacts at the end.")
    back_matter: BackMatter = Field(default_factory=BackMatter, description="Background papers and appendices.")
    page: PageFurniture = Field(default_factory=PageFurniture, description="Running header and footer.")
    check: CheckRules = Field(default_factory=CheckRules, description="The clerk's check.")
    timetable: TimetableRules = Field(default_factory=TimetableRules, description="Deadlines around the meeting.")
    record: RecordRule = Field(default_factory=RecordRule, description="The decision record "
                               "(`ldd-reports record`).")
    dates: DateRule = Field(default_factory=DateRule, description="How dates and the meeting's time print.")
    notes: list[Note] = Field(default_factory=new_list, description="Fixed notes in the body, each printed when the "
                              "paper is what it says (urgent, late, exempt ...).")
    hidden: dict[str, StyleText] = Field(default_factory=new_dict, description="Fields of the input this style "
                                         "deliberately does not print, each with the reason (`check` shows it as a "
                                         "note), e.g. {contacts[].telephone: 'the switchboard number is on the "
                                         "agenda'}; any other value the paper has and the style never prints is "
                                         "refused.")
    wording: dict[str, StyleText] = Field(default_factory=new_dict, description="The council's own wording of any "
                                          "message the library writes, by id (`ldd-reports wording` lists every id "
                                          "with its text and fields), e.g. {record.outcome.agreed: '{wording}'}.")
    base_dir: SkipJsonSchema[str | None] = Field(default=None, exclude=True, description="Set by the loader: "
                                                 "the file's folder (a template path is relative to it).")

    @field_validator("wording")
    @classmethod
    def _known_messages(cls, wording: dict[str, str]) -> dict[str, str]:
        for message_id in wording:
            if message_id.startswith("style."):  # the defaults of the style's own fields: set the field
                raise ValueError(f"{message_id} is what a style prints when it does not set "
                                 f"{message_id.removeprefix('style.')}: set that in the house style instead")
        try:
            catalogue(wording)  # every id known, every field in its vocabulary, every brace paired
        except KeyError as e:
            raise ValueError(e.args[0]) from e
        except MessageError as e:
            raise ValueError(str(e)) from e
        return wording

    @field_validator("hidden")
    @classmethod
    def _known_fields(cls, hidden: dict[str, str]) -> dict[str, str]:
        if not hidden:  # the vocabulary is the input's whole schema: not built for a style that hides nothing
            return hidden
        from ..inputs.schema import field_paths

        known = field_paths()
        for path in hidden:
            if path not in known:
                close = close_matches(path, sorted(known), n=1)
                raise ValueError(f"{path!r} is no field of the input (list items as [], e.g. contacts[].email)"
                                 + (f"; did you mean {close[0]!r}?" if close else ""))
        return hidden

    def date_format_for(self, document: Any) -> str:
        """How ``document``'s dates print: its own date_format if it sets one, else this style's, else the default."""
        if "date_format" in document.model_fields_set or self.dates.format is None:
            return str(document.date_format)
        return self.dates.format

    @property
    def words(self) -> Catalogue:
        """The wording catalogue this style writes in: the library's messages under its own ``wording``."""
        return catalogue(self.wording, self.language)

    @model_validator(mode="after")
    def _in_its_language(self) -> HouseStyle:
        """A Welsh style's unset words: the library's Welsh, or a placeholder; never the English defaults."""
        if self.language == "en":
            return self
        if self.dates.format and "{ordinal}" in self.dates.format:
            raise ValueError("dates.format: {ordinal} is English ('19th'); a Welsh style writes {day}")
        _translate_defaults(self, self.words)
        return self

    @model_validator(mode="after")
    def _consistent(self) -> HouseStyle:
        if self.numbering.paragraphs == "by_section" and not self.numbering.heading_levels:
            raise ValueError("numbering.heading_levels: by_section numbers at least the first heading level "
                             "(for paragraphs 1, 2, 3 under unnumbered headings use paragraphs: continuous)")
        if len(set(self.parts)) != len(self.parts):
            raise ValueError("parts lists a part twice")
        kinds = [k for g in self.implications.groups for k in g.kinds]
        unknown = [k for k in [*kinds, *self.implications.kinds] if k not in _implication_kinds()]
        if unknown:
            raise ValueError(f"unknown implication kind(s) {', '.join(unknown)}")
        if len(set(kinds)) != len(kinds):
            raise ValueError("an implication kind is in two groups")
        return self

    def template_path(self, record: bool = False) -> str | os.PathLike[str] | None:
        """The template as given (the record's own for ``record``, where it has one): a built-in name, or a path
        made absolute against the file's folder."""
        template = (self.record.template or self.template) if record else self.template
        if template is None:
            return None
        if template.lower().endswith(".docx") and self.base_dir:
            return Path(self.base_dir, template)
        return template


@functools.lru_cache(maxsize=1)
def _english_defaults() -> dict[str, str]:
    """Each English text a style field defaults to (style.* in the catalogue), and its message id."""
    from ..content.messages import defaults

    found: dict[str, str] = {}
    for message_id, text in defaults().items():
        if message_id.startswith("style.") and any(c.isalpha() for c in text):  # punctuation is every language's
            found.setdefault(text, message_id)
    return found


def _translate_defaults(node: Any, words: Catalogue) -> None:
    """Replace, everywhere below ``node``, a text that is an English default with its message in ``words``."""
    english = _english_defaults()
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, str) and value in english:
            object.__setattr__(node, name, words.text(english[value]))  # validated already: no re-validation
        elif isinstance(value, StrictModel):
            _translate_defaults(value, words)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, StrictModel):
                    _translate_defaults(item, words)


def _implication_kinds() -> set[str]:
    from ..models.sections import ImplicationKind

    return {k.value for k in ImplicationKind}


def _builtin_dir() -> Any:
    return resources.files("ldd_reports.house_styles")


def house_style_names() -> list[str]:
    """The built-in house styles, by name."""
    return sorted(p.name[:-5] for p in _builtin_dir().iterdir() if p.name.endswith(".yaml"))


def builtin_source(name: str) -> bytes:
    """A built-in house style's file as shipped, to copy and make one's own; a usage error names the known."""
    if name not in house_style_names():
        from ..errors import InputError, Problem

        raise InputError([Problem("house_style", f"no built-in house style {name!r} (known: "
                                                 f"{', '.join(house_style_names())})")])
    return _builtin_dir().joinpath(f"{name}.yaml").read_bytes()  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=32)
def _builtin(name: str) -> HouseStyle:
    from ..inputs.source import parse

    text = _builtin_dir().joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    style = _validate(parse(text, "yaml", f"{name}.yaml"), None)
    _BUILTIN_KEYS[id(style)] = (style, f"built-in:{name}")  # held here too: its id is never another's
    return style


_BUILTIN_KEYS: dict[int, tuple[HouseStyle, str]] = {}


def style_key(style: HouseStyle) -> str:
    """The house style as text, for what is kept under it: a built-in one's name (the library's own object,
    which nothing changes), any other's JSON (a style the caller changed in place is another)."""
    builtin = _BUILTIN_KEYS.get(id(style))
    return builtin[1] if builtin is not None and builtin[0] is style else style.model_dump_json()


def _validate(source: Any, base_dir: str | None) -> HouseStyle:
    from ..errors import InputError
    from ..inputs.loaders import problems_from

    try:
        style = HouseStyle.model_validate(source.data or {})
    except ValidationError as e:
        raise InputError(problems_from(e, source, HouseStyle), source.file) from e
    return style.model_copy(update={"base_dir": base_dir}) if base_dir else style


def load_house_style(path: str | os.PathLike[str]) -> HouseStyle:
    """A house style from a YAML file; InputError names the field and line."""
    from ..inputs.source import read

    return _validate(read(path), str(Path(path).resolve().parent))


#: A house style as the API takes it: the model, a built-in name, a .yaml path, or None (the document's own).
StyleArg = Union[HouseStyle, str, "os.PathLike[str]", None]


def resolve_house_style(style: StyleArg, document: Any = None,
                        base_dir: str | os.PathLike[str] | None = None) -> HouseStyle:
    """A house style given as a model, a built-in name or a path (relative to ``base_dir``).

    None takes the document's own ``house_style`` field, then the default for its decision body.
    """
    from ..errors import InputError, Problem

    if isinstance(style, HouseStyle):
        return style
    if style is None and document is not None:
        style = getattr(document, "house_style", None)
        base_dir = base_dir or getattr(document, "_source_dir", None)
    if style is None:
        kind = getattr(getattr(getattr(document, "meeting", None), "body_kind", None), "value", None)
        return _builtin(lib.decision_route(kind or "cabinet")["house_style"])  # a statement has no route
    name = str(style)
    if name in house_style_names():
        return _builtin(name)
    if not name.lower().endswith((".yaml", ".yml")):
        known = ", ".join(house_style_names())
        raise InputError([Problem("house_style", f"no built-in house style {name!r} (known: {known}); a file "
                                  "must end .yaml or .yml")])
    path = Path(name)
    if not path.is_absolute() and base_dir is not None:
        path = Path(base_dir, path)
    return load_house_style(path)


def house_style_schema() -> dict[str, Any]:
    """The JSON Schema of a house style file."""
    schema = HouseStyle.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ldd-reports house style"
    return schema


def house_style_reference() -> str:
    """The Markdown reference of a house style file, as docs/house-style-reference.md holds it."""
    from ..inputs.reference import schema_markdown

    return schema_markdown(house_style_schema(), "Every field of a house style file (`--house-style ours.yaml`, or "
                           "`house_style:` in an input): the structure of a council's papers and decision records.")
