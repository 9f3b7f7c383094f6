"""The kinds an input names (of organisation, nation, decision body): plain enums, no validation, quick to import."""

from __future__ import annotations

from enum import Enum

__all__ = ["BodyKind", "Nation", "OrganisationKind"]


class OrganisationKind(str, Enum):
    """The kind of body signing the Declaration (drives e.g. Local Digital Fund eligibility)."""

    county = "county"
    district = "district"
    unitary = "unitary"
    metropolitan = "metropolitan"
    london_borough = "london_borough"
    welsh = "welsh"
    scottish = "scottish"
    northern_irish = "northern_irish"
    combined_authority = "combined_authority"
    other = "other"  # a sector body, not a local authority (e.g. London Councils)

    @property
    def is_local_authority(self) -> bool:
        return self is not OrganisationKind.other


class Nation(str, Enum):
    """The UK nation whose law and programmes apply (access to information, bank holidays, funding)."""

    england = "england"
    wales = "wales"
    scotland = "scotland"
    northern_ireland = "northern_ireland"


class BodyKind(str, Enum):
    """How the decision is taken: by which kind of body or decision-maker."""

    cabinet = "cabinet"
    executive = "executive"
    council = "council"
    committee = "committee"
    cabinet_member = "cabinet_member"
    officer = "officer"
