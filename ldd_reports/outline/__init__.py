"""The outline: the format-neutral document every output and check reads, and the walk that builds it."""

from .nodes import (BULLETS, MAX_LETTERED, Block, Level, ListInstance, Origin, Outline, Para, Piece, Region, Role,
                    Scheme, Table, label_text)

__all__ = ["BULLETS", "MAX_LETTERED", "Block", "Level", "ListInstance", "Origin", "Outline", "Para", "Piece", "Region",
           "Role", "Scheme", "Table", "label_text"]
