"""Templates read only what their views declare: every attribute a template reads of a variable
holding a view (render/views.py) is a field or property of that view's class. Jinja would only
say so when a render reaches the line (StrictUndefined); this reads every template's syntax tree,
every branch included, so a renamed or removed field fails here, next to the class mypy checks."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator

import jinja2
import pytest
from aiosdkgen.render.environment import environment
from aiosdkgen.render.views import (
    AliasItem,
    Argument,
    EnumItem,
    ErrorLoader,
    FieldView,
    GeneratedTest,
    ModelItem,
    OperationView,
    ResponseView,
)
from jinja2 import nodes

Bindings = dict[str, tuple[type, ...]]

# Each template, and the view class(es) each of its variables holds: macro parameters, loop
# variables and render arguments alike. A variable holding one of several classes is narrowed
# by `{% if item.kind == "model" %}` (and its elif/else branches) to those of that kind.
VIEWS: dict[str, Bindings] = {
    "package/_operations.jinja": {
        "view": (OperationView,),
        "arg": (Argument,),
        "r": (ResponseView,),
        "item": (ErrorLoader,),
    },
    "package/_client.py.jinja": {"view": (OperationView,)},
    "package/resources/module.py.jinja": {"view": (OperationView,)},
    "package/models/module.py.jinja": {
        "item": (ModelItem, EnumItem, AliasItem),
        "field": (FieldView,),
    },
    "project/tests/test_module.py.jinja": {"test": (GeneratedTest,)},
}


def declared(cls: type) -> set[str]:
    """What a template may read of an instance of `cls`."""
    fields = {field.name for field in dataclasses.fields(cls)}
    return fields | {name for name in dir(cls) if isinstance(getattr(cls, name), property)}


def kinds(cls: type) -> set[str]:
    """The values `cls`'s `kind` field may take (its Literal); empty without one."""
    hint = typing.get_type_hints(cls).get("kind")
    return set(typing.get_args(hint)) if hint is not None else set()


def _kind_test(test: nodes.Expr, bound: Bindings) -> tuple[str, str] | None:
    """(variable, kind) for a test `variable.kind == "kind"` of a bound variable."""
    if (
        isinstance(test, nodes.Compare)
        and isinstance(test.expr, nodes.Getattr)
        and isinstance(test.expr.node, nodes.Name)
        and test.expr.node.name in bound
        and test.expr.attr == "kind"
        and len(test.ops) == 1
        and test.ops[0].op == "eq"
        and isinstance(test.ops[0].expr, nodes.Const)
    ):
        return test.expr.node.name, test.ops[0].expr.value
    return None


def reads(node: nodes.Node, bound: Bindings) -> Iterator[tuple[int, str, tuple[type, ...], str]]:
    """(line, variable, the classes it may hold there, attribute) for each attribute a template
    reads of a bound variable: `view.name`, or `view["name"]` (Jinja falls back to the attribute)."""
    if isinstance(node, nodes.If):
        remaining = bound
        for branch in [node, *node.elif_]:
            yield from reads(branch.test, remaining)
            narrowing = _kind_test(branch.test, remaining)
            inside = remaining
            if narrowing is not None:
                name, kind = narrowing
                classes = remaining[name]
                inside = {**remaining, name: tuple(c for c in classes if kind in kinds(c))}
                remaining = {**remaining, name: tuple(c for c in classes if kinds(c) != {kind})}
                if not inside[name]:
                    yield branch.lineno, name, classes, f"kind == {kind!r} (no such kind)"
            for child in branch.body:
                yield from reads(child, inside)
        for child in node.else_:
            yield from reads(child, remaining)
        return
    if isinstance(node, nodes.Getattr):
        attribute: str | None = node.attr
    elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        attribute = node.arg.value if isinstance(node.arg.value, str) else None
    else:
        attribute = None
    if attribute is not None and isinstance(node.node, nodes.Name) and node.node.name in bound:
        yield node.lineno, node.node.name, bound[node.node.name], attribute
    for child in node.iter_child_nodes():
        yield from reads(child, bound)


def undeclared_reads(source: str, bound: Bindings) -> list[str]:
    env = environment()
    return [
        f"line {line}: {name}.{attribute}, {name} being {' or '.join(c.__name__ for c in classes)}"
        for line, name, classes, attribute in reads(env.parse(source), bound)
        if not classes or any(attribute not in declared(cls) for cls in classes)
    ]


def template_source(name: str) -> str:
    env = environment()
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


def test_every_template_named_exists() -> None:
    assert set(VIEWS) <= set(environment().list_templates())


@pytest.mark.parametrize("template", sorted(VIEWS))
def test_a_template_reads_only_the_fields_its_views_declare(template: str) -> None:
    source = template_source(template)
    assert undeclared_reads(source, VIEWS[template]) == []
    # Each variable is still in the template: a renamed one would leave its reads unchecked.
    names = {name.name for name in environment().parse(source).find_all(nodes.Name)}
    assert set(VIEWS[template]) <= names


@pytest.mark.parametrize(
    ("source", "bound", "undeclared"),
    [
        ("{% for test in tests %}{{ test.skip }}{% endfor %}", {"test": (GeneratedTest,)}, 1),
        ('{{ view["builder_import"] }}', {"view": (OperationView,)}, 1),
        # Each branch reads only what the views of its kind declare ...
        (
            '{% if item.kind == "enum" %}{{ item.bases }}{% else %}{{ item.base }}{% endif %}',
            {"item": (ModelItem, EnumItem, AliasItem)},
            2,
        ),
        ('{% if item.kind == "modle" %}{% endif %}', {"item": (ModelItem, EnumItem)}, 1),
        # ... and reads what they all declare, elif and else included.
        (
            '{% if item.kind == "model" %}{{ item.bases }}{% elif item.kind == "enum" %}'
            "{{ item.base }}{% else %}{{ item.target }}{% endif %}{{ item.decl }}",
            {"item": (ModelItem, EnumItem, AliasItem)},
            0,
        ),
    ],
)
def test_the_check_fails_on_a_field_the_view_does_not_declare(
    source: str, bound: Bindings, undeclared: int
) -> None:
    assert len(undeclared_reads(source, bound)) == undeclared


def test_jinja_agrees_a_view_lacking_a_field_fails_to_render() -> None:
    template = environment().from_string("{{ test.skip }}")
    with pytest.raises(jinja2.UndefinedError):
        template.render(test=GeneratedTest(name="get", target="get", kind="returns"))
