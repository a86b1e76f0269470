"""The Jinja environment the templates render in, with the filters that make spec text safe."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import jinja2

from .literals import docstring, py_literal, toml_string

_PACKAGED_TEMPLATES = Path(__file__).parent.parent / "templates"
TEMPLATES_DIR = (
    _PACKAGED_TEMPLATES
    if _PACKAGED_TEMPLATES.is_dir()
    else Path(__file__).parent.parent.parent / "templates"
)


@functools.cache
def environment(bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """One environment per process (and cache), so each template is compiled once."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        bytecode_cache=bytecode_cache,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(docstring=docstring, literal=py_literal, toml=toml_string, json=json.dumps)
    return env
