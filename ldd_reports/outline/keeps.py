"""What must stay on one page: a lead-in with what it introduces, a list's first two items, a small table."""

from __future__ import annotations

from .nodes import Block, Outline, Para, Region, Table

__all__ = ["SMALL_TABLE", "keep_together"]

#: A table of at most this many rows is kept on one page (a contacts table split 1 / 3 is sent back).
SMALL_TABLE = 10
_LIST_ROLES = ("bullet", "number", "letter")


def keep_together(outline: Outline) -> None:
    """Set keep-with-next where a page break would strand a reader: a paragraph ending ':' before the list
    or table it introduces, a list's first item before its second, every row of a small table but the last."""
    for blocks in outline.parts.values():
        _blocks(blocks)


def _blocks(blocks: list[Block]) -> None:
    before: Block | None = None
    for block, after in zip(blocks, [*blocks[1:], None]):
        if isinstance(block, Region):
            _blocks(block.blocks)
        elif isinstance(block, Table):
            if len(block.rows) <= SMALL_TABLE:
                for row in block.rows[:-1]:
                    for cell in row:
                        for para in (b for b in cell if isinstance(b, Para)):
                            para.keep_next = True
        elif isinstance(block, Para) and after is not None:
            introduces = block.text.rstrip().endswith(":") and (
                isinstance(after, Table) or (isinstance(after, Para) and after.role in _LIST_ROLES))
            first_item = (block.role in _LIST_ROLES and _same_list(block, after)
                          and not (isinstance(before, Para) and _same_list(before, block)))
            if introduces or first_item:
                block.keep_next = True
        before = block


def _same_list(item: Para, other: Block | None) -> bool:
    return isinstance(other, Para) and other.role == item.role and other.level == item.level
