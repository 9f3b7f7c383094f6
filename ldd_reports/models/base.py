"""The strict model base and the text type every officer-written string goes through."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic_core import PydanticCustomError

__all__ = ["StrictModel", "Text", "clean_text"]

# Characters XML 1.0 can hold (tab, LF and CR are allowed); anything else would be dropped by
# docxtpl's recovering parser or make Word refuse the file, so it is refused here instead.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(value: str) -> str:
    """Normalise line ends (Word's pasted line break U+000B included) and refuse non-XML chars."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u000b", "\n")
    bad = _NOT_XML.search(value)
    if bad:
        raise PydanticCustomError(
            "xml_character",
            "character U+{code} at position {position} cannot be stored in a Word document",
            {"code": f"{ord(bad.group()):04X}", "position": bad.start() + 1},
        )
    return value


#: Every string an officer writes: literal text (plus inline markup where the document allows it).
Text = Annotated[str, AfterValidator(clean_text)]


class StrictModel(BaseModel):
    """Base of every input model: unknown fields are errors, defaults are validated too."""

    model_config = ConfigDict(
        extra="forbid",
        validate_default=True,
        validate_assignment=True,
        use_enum_values=False,
        defer_build=True,  # build validators once, for the whole document, on first use
    )
