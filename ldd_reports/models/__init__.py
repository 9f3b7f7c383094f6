"""The input models: the contract between an officer's YAML, the templates and the checks."""

from .base import StrictModel, Text
from .blocks import Block, BulletList, ListItem, NestedItem, NumberedList, StandardText, Table
from .decision import Conflict, Decision, Outcome
from .documents import (Circulation, CirculationGroup, Commitment, CommitmentStatement, Document,
                        Recommendations, Report, Signatory, StandardRecommendation)
from .people import BodyKind, Contact, Meeting, MeetingStep, Nation, Organisation, OrganisationKind, Person
from .sections import (DeclarationSection, Exempt, FirstAction, FirstActionsSection, GeneralSection, Implication,
                       ImplicationKind, ImplicationsSection, ItemsSection, RecommendationsSection, Risk,
                       RisksSection, Section)

__all__ = [
    "Block", "BodyKind", "BulletList", "Circulation", "CirculationGroup", "Commitment", "CommitmentStatement",
    "Conflict", "Contact", "Decision", "DeclarationSection", "Document", "Exempt", "FirstAction",
    "FirstActionsSection", "GeneralSection", "Implication", "ImplicationKind", "ImplicationsSection",
    "ItemsSection", "ListItem", "Meeting", "MeetingStep", "Nation", "NestedItem", "NumberedList", "Organisation",
    "OrganisationKind", "Outcome", "Person", "Recommendations", "RecommendationsSection", "Report", "Risk",
    "RisksSection", "Section", "Signatory", "StandardRecommendation", "StandardText", "StrictModel", "Table",
    "Text"
]
