from __future__ import annotations

from .._runtime._models import BaseModel


class TreeNode(BaseModel):
    """A recursive schema."""

    value: str
    children: list[TreeNode] | None = None
    parent: TreeNode | None = None
