"""Body content: paragraphs, bullet and numbered lists, and references to standard paragraphs."""

from __future__ import annotations


from typing import Annotated, Any, Union

from pydantic import Discriminator, Field, Tag, field_validator

from .base import Date, StrictModel, Text, new_list

__all__ = ["Block", "BulletList", "ListItem", "NestedItem", "NumberedList", "StandardText", "Table"]


class NestedItem(StrictModel):
    """A list item with sub-items of its own (one level deeper)."""

    text: Text = Field(description="The item's own text (inline markup allowed).")
    items: list[ListItem] = Field(default_factory=new_list, description="Sub-items, one level deeper.")


def _text_or(tag: str) -> Discriminator:
    """Discriminator for 'a string, or a mapping of kind ``tag``' (one clear error, not two)."""
    return Discriminator(lambda v: "~text" if isinstance(v, str) else "~" + tag)


#: A list item: plain text, or text with sub-items.
ListItem = Annotated[Union[Annotated[Text, Tag("~text")], Annotated[NestedItem, Tag("~nested")]],
                     _text_or("nested")]


class BulletList(StrictModel):
    """A bulleted list (style List Bullet, List Bullet 2 for sub-items)."""

    bullets: list[ListItem] = Field(min_length=1, description="The items, in order.")


class NumberedList(StrictModel):
    """A numbered list whose numbering starts again at 1 (style List Number)."""

    numbered: list[ListItem] = Field(min_length=1, description="The items, in order.")


class StandardText(StrictModel):
    """A standard paragraph from the content library, by key (see `ldd-reports content`)."""

    standard: str = Field(description="Key of a standard paragraph, e.g. 'background.launch'. Facts are as "
                          "at the paper's meeting date (else its report date, else today).")
    as_at: Date | None = Field(default=None, description="Quote the fact as it stood on this date instead "
                                  "(the check names any newer fact).")

    @field_validator("standard")
    @classmethod
    def _known(cls, key: str) -> str:
        from ..content import library as content_library

        try:
            content_library.paragraph(key)
        except KeyError as e:
            raise ValueError(e.args[0]) from None
        return key


class Table(StrictModel):
    """A simple table with a repeating header row."""

    header: list[Text] = Field(min_length=1, description="Column headings (the repeating header row).")
    rows: list[list[Text]] = Field(default_factory=new_list, description="Body rows, one list of cells each.")


def _block_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "~paragraph"
    keys = value.keys() if isinstance(value, dict) else vars(value).keys() if hasattr(value, "__dict__") else ()
    for key in ("bullets", "numbered", "standard", "header"):
        if key in keys:
            return "~" + {"header": "table"}.get(key, key)
    return None


#: One block of body content. In YAML: a string is a paragraph; `bullets:`, `numbered:`,
#: `standard:` and `header:`/`rows:` mappings are the other kinds.
Block = Annotated[
    Union[
        Annotated[Text, Tag("~paragraph")],
        Annotated[BulletList, Tag("~bullets")],
        Annotated[NumberedList, Tag("~numbered")],
        Annotated[StandardText, Tag("~standard")],
        Annotated[Table, Tag("~table")],
    ],
    Discriminator(
        _block_tag,
        custom_error_type="block_kind",
        custom_error_message="a block is a string (paragraph) or a mapping with one of "
        "'bullets', 'numbered', 'standard' or 'header'",
    ),
]
