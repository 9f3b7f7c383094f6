"""The content library's data files (content/*.yaml), each read once per process."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

# libyaml's parser where PyYAML was built with it: the same documents, a tenth of the time
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=None)
def read(name: str) -> Any:
    """content/NAME.yaml, parsed (safe: plain data only). Callers must not change what it returns."""
    text = resources.files("ldd_reports.content").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)
