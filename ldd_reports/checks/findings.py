"""A finding: what a check reports (the clerk's check, the record's, the template's and the .docx's)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

__all__ = ["Finding", "Severity"]

Severity = Literal["error", "warning", "note"]  # a note: what the house style leaves out on purpose


@dataclass(frozen=True)
class Finding:
    """One thing the check found: how serious, where (dotted field path) and what."""

    severity: Severity
    field: str
    message: str
    code: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.severity:7} {self.field or '(document)'}: {self.message} [{self.code}]"
