"""The input models: the contract between an officer's YAML, the templates and the checks.

Each name is imported on first use: the command line's ``--version`` and ``--help`` read only
``models.kinds`` (plain enums) and never build a validator.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import StrictModel, Text
    from .blocks import Block, BulletList, ListItem, NestedItem, NumberedList, StandardText, Table
    from .decision import Conflict, Decision, Outcome
    from .documents import (Circulation, CirculationGroup, Commitment, CommitmentStatement, Document,
                            Recommendations, Report, Signatory, StandardRecommendation)
    from .kinds import BodyKind, Nation, OrganisationKind
    from .people import Contact, Meeting, MeetingStep, Organisation, Person
    from .sections import (DeclarationSection, Exempt, FirstAction, FirstActionsSection, GeneralSection,
                           Implication, ImplicationKind, ImplicationsSection, ItemsSection, RecommendationsSection,
                           Risk, RisksSection, Section)

__all__ = [
    "Block", "BodyKind", "BulletList", "Circulation", "CirculationGroup", "Commitment", "CommitmentStatement",
    "Conflict", "Contact", "Decision", "DeclarationSection", "Document", "Exempt", "FirstAction",
    "FirstActionsSection", "GeneralSection", "Implication", "ImplicationKind", "ImplicationsSection",
    "ItemsSection", "ListItem", "Meeting", "MeetingStep", "Nation", "NestedItem", "NumberedList", "Organisation",
    "OrganisationKind", "Outcome", "Person", "Recommendations", "RecommendationsSection", "Report", "Risk",
    "RisksSection", "Section", "Signatory", "StandardRecommendation", "StandardText", "StrictModel", "Table",
    "Text"
]

_MODULES = {
    "base": ["StrictModel", "Text"],
    "blocks": ["Block", "BulletList", "ListItem", "NestedItem", "NumberedList", "StandardText", "Table"],
    "decision": ["Conflict", "Decision", "Outcome"],
    "documents": ["Circulation", "CirculationGroup", "Commitment", "CommitmentStatement", "Document",
                  "Recommendations", "Report", "Signatory", "StandardRecommendation"],
    "kinds": ["BodyKind", "Nation", "OrganisationKind"],
    "people": ["Contact", "Meeting", "MeetingStep", "Organisation", "Person"],
    "sections": ["DeclarationSection", "Exempt", "FirstAction", "FirstActionsSection", "GeneralSection",
                 "Implication", "ImplicationKind", "ImplicationsSection", "ItemsSection", "RecommendationsSection",
                 "Risk", "RisksSection", "Section"],
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
