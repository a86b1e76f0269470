"""Stage 4, rendering: IR -> {relative path: text}. Only the Jinja templates write source;
this package decides what goes where (modules, imports, annotations) and gives templates safe
literal filters."""

from __future__ import annotations

import json
from pathlib import Path

from .. import ir
from ..options import Options
from ..parser.licenses import TEXTS
from ..pipeline import Plain, Speed
from ..runtime_names import error_classes
from ..spec.surrogates import valid_unicode
from .client import (
    example_call,
    oauth_example_call,
    paginated_calls,
    render_client,
    stream_example,
)
from .environment import environment
from .models import render_model_module
from .modules import ModelModule, model_modules
from .reference import render_reference
from .tests import render_tests
from .webhooks import render_webhooks

RUNTIME_DIR = Path(__file__).parent.parent / "runtime"
# The Python versions the generated SDK supports (3.x), as its classifiers list them.
SUPPORTED_PYTHON_MINORS = (10, 11, 12, 13, 14)


# Rendering many model modules is split with a forked child from this many on; the parent
# renders one in _PARENT_SHARE of them, and the client, resources and tests (about as much work).
_FORK_FROM_MODULES = 300
_PARENT_SHARE = 5


def render(api: ir.Api, options: Options, speed: Speed | None = None) -> dict[str, str]:
    """Every file of the generated project, by path relative to the project root."""
    speed = speed or Plain()
    env = environment(speed.templates_cache())
    package = options.package_name
    modules = model_modules(api)
    module_of = {d.key: module.name for module in modules for d in module.declarations}
    exports = sorted((d.name, module_of[d.key]) for d in api.declarations.values())
    context = {
        "api": api,
        "options": options,
        "package": package,
        "exports": exports,
        "example": example_call(api),
        "oauth_example": oauth_example_call(api),
        "pagination_example": next(iter(paginated_calls(api)), None),
        "pagination_count": len(paginated_calls(api)),
        "stream_example": stream_example(api),
        "webhook_example": _webhook_example(api),
        "error_classes": error_classes(),
        "python_minors": SUPPORTED_PYTHON_MINORS,
        # `typing_extensions.deprecated` marks deprecated methods (PEP 702; `warnings` has it
        # from Python 3.13 only). pydantic depends on it too: nothing more is installed.
        "marks_deprecated": any(
            operation.deprecated
            for operations in (api.root_operations, *(r.operations for r in api.resources))
            for operation in operations
        ),
    }
    files = {
        "pyproject.toml": env.get_template("project/pyproject.toml.jinja").render(context),
        # Markdown holds the spec's text as written: all but lone surrogates (no UTF-8 for them).
        "README.md": valid_unicode(env.get_template("project/README.md.jinja").render(context)),
        f"{package}/__init__.py": env.get_template("package/__init__.py.jinja").render(context),
        f"{package}/py.typed": "",
        f"{package}/models/__init__.py": env.get_template(
            "package/models/__init__.py.jinja"
        ).render(context),
    }

    if api.info.license in TEXTS:
        template = env.get_template(f"project/licenses/{api.info.license}.jinja")
        files["LICENSE"] = template.render(holder=_copyright_holder(api))

    def render_models(selected: list[ModelModule]) -> dict[str, str]:
        return {
            f"{package}/models/{module.name}.py": render_model_module(env, api, module, module_of)
            for module in selected
        }

    # Thousands of model modules: a forked child renders most of them meanwhile, on the other
    # core. The template is compiled first, once, for both processes.
    env.get_template("package/models/module.py.jinja")
    if len(modules) >= _FORK_FROM_MODULES:
        split = len(modules) // _PARENT_SHARE
        rest = speed.start(render_models, modules[split:])
    else:
        split, rest = len(modules), dict  # all rendered here: nothing left to wait for
    files.update(render_models(modules[:split]))
    client_files, views = render_client(env, api, options, module_of, context)
    if api.webhooks:
        client_files[f"{package}/webhooks.py"] = render_webhooks(env, api, module_of, context)
    test_files, tests = render_tests(env, api, module_of, context)
    client_files.update(test_files)
    # Markdown holds the spec's text as written: all but lone surrogates (no UTF-8 for them).
    client_files["api.md"] = valid_unicode(render_reference(env, api, context, views, tests))
    files.update(rest())
    files.update(client_files)
    for source in sorted(RUNTIME_DIR.glob("*.py")):
        files[f"{package}/_runtime/{source.name}"] = source.read_text(encoding="utf-8")
    return files


def _webhook_example(api: ir.Api) -> tuple[str, str] | None:
    """The README's webhook: the first with a sample payload, and the payload as JSON text."""
    for webhook in api.webhooks:
        if isinstance(webhook.sample, ir.Sample):
            return webhook.name, json.dumps(webhook.sample.value, ensure_ascii=False)
    return None


def _copyright_holder(api: ir.Api) -> str:
    """Who the licence's copyright line names: the spec's contact, else its authors."""
    if api.info.contact is not None and api.info.contact.name is not None:
        return api.info.contact.name
    return "the authors of " + " ".join(api.info.title.split())
