"""The page's flow: what must stay on one page (a lead-in with what it introduces, a list's first two
items, a small table) and the space a table leaves below it."""

from __future__ import annotations

from .nodes import Block, Outline, Para, Region, Table

__all__ = ["SMALL_TABLE", "TABLE_GAP", "keep_together", "space_after_tables"]

#: A table of at most this many rows is kept on one page (a contacts table split 1 / 3 is sent back).
SMALL_TABLE = 10
_LIST_ROLES = ("bullet", "number", "letter")
#: Points between a table's bottom border and the paragraph after it (a body paragraph has none above).
TABLE_GAP = 12
_OWN_SPACE = ("heading", "title")  # their styles set more space above than a table needs


def keep_together(outline: Outline) -> None:
    """Set keep-with-next where a page break would strand a reader: a paragraph ending ':' before the list
    or table it introduces, a list's first item before its second, every row of a small table but the last."""
    for blocks in outline.parts.values():
        _blocks(blocks)


def _blocks(blocks: list[Block]) -> None:
    before: Block | None = None
    last = len(blocks) - 1
    for i, block in enumerate(blocks):  # a paragraph first: nearly every block is one
        if isinstance(block, Para):
            if i < last:
                after, role = blocks[i + 1], block.role
                first_item = lead_in = False  # a list's first item; a paragraph that may lead in to what follows
                if isinstance(after, Para):
                    first_item = (role in _LIST_ROLES and after.role == role and after.level == block.level
                                  and not (isinstance(before, Para) and before.role == role
                                           and before.level == block.level))
                    lead_in = after.role in _LIST_ROLES
                elif isinstance(after, Table):
                    lead_in = True
                if first_item or (lead_in and block.text.rstrip().endswith(":")):  # (the text joined only if needed)
                    block.keep_next = True
        elif isinstance(block, Region):
            _blocks(block.blocks)
        elif isinstance(block, Table) and len(block.rows) <= SMALL_TABLE:
            for row in block.rows[:-1]:
                for cell in row:
                    for para in cell:
                        if isinstance(para, Para):
                            para.keep_next = True
        before = block


def space_after_tables(outline: Outline) -> None:
    """Space above the paragraph that follows a table, in its part or the next (parts follow one another
    on the page), so its text never sits against the table's bottom border."""
    previous: Block | None = None
    for blocks in outline.parts.values():
        for block in _flat(blocks):
            if isinstance(block, Para) and isinstance(previous, Table) and block.role not in _OWN_SPACE:
                block.space_before = max(block.space_before, TABLE_GAP)
            previous = block


def _flat(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        out += _flat(block.blocks) if isinstance(block, Region) else [block]
    return out
