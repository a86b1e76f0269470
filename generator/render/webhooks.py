"""IR webhooks and callbacks -> `<package>/webhooks.py`: `parse_webhook` typed per name."""

from __future__ import annotations

from collections.abc import Mapping

import jinja2

from .. import ir
from .annotations import Annotations, import_lines
from .import_order import import_sections
from .literals import py_literal
from .views import WebhookView


def render_webhooks(
    env: jinja2.Environment, api: ir.Api, module_of: Mapping[str, str], context: dict[str, object]
) -> str:
    annotations = Annotations(
        api, module_of, None, models_package=".models.", runtime_package="._runtime"
    )
    webhooks = [
        WebhookView(
            name=webhook.name,
            kind=webhook.kind,
            type=annotations.render(webhook.type),
            description=webhook.description,
        )
        for webhook in api.webhooks
    ]
    # The models are imported when a payload is first parsed, not with the module.
    typing_only = {name for name in annotations.imports if annotations.loads_pydantic(name)}
    imports = annotations.imports - typing_only
    imports |= {
        ("", "functools"),
        ("collections.abc", "Mapping"),
        ("typing", "Any"),
        ("typing", "Literal"),
        ("._runtime._webhooks", "parse_payload"),
    }
    if len(webhooks) > 1:
        imports.add(("typing", "overload"))
    if typing_only:
        imports.add(("typing", "TYPE_CHECKING"))
    listed = "\n".join(
        f"- {view.name} ({view.kind})" + (f": {view.description}" if view.description else "")
        for view in webhooks
    )
    function_doc = (
        f"Parse the body of the webhook or callback `name` into its type.\n\n{listed}\n\n"
        "`headers` (the request's, optional) are checked for a JSON Content-Type. Raises\n"
        "`ValueError` for a name the API does not send or a body that is not JSON, and\n"
        "`pydantic.ValidationError` for one that does not match its schema."
    )
    module_doc = (
        f"The requests {api.info.title} sends to you (its webhooks and callbacks), parsed into "
        "their types.\n\nHand `parse_webhook` the name the API gives the request and the body "
        "your server received::\n\n"
        f"    from {context['package']}.webhooks import parse_webhook\n\n"
        f"    payload = parse_webhook({py_literal(webhooks[0].name)}, body, headers=headers)"
    )
    return env.get_template("package/webhooks.py.jinja").render(
        context,
        module_doc=module_doc,
        function_doc=function_doc,
        returns=webhooks[0].type if len(webhooks) == 1 else "Any",
        webhooks=webhooks,
        import_sections=import_sections(imports),
        typing_only=import_lines(typing_only),
    )
