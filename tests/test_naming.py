from __future__ import annotations

import keyword

import pytest
from aiosdkgen.naming import NameRegistry, constant_case, pascal_case, snake_case


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("userName", "user_name"),
        ("user-name", "user_name"),
        ("@type", "type_"),
        ("2fa", "field_2fa"),
        ("class", "class_"),
        ("from", "from_"),
        ("json", "json_"),
        ("model_config", "model_config_"),
        ("HTTPServer", "http_server"),
        ("école", "ecole"),
        ("", "field"),
        ("___", "field"),
    ],
)
def test_snake_case_gives_valid_non_reserved_identifiers(wire: str, expected: str) -> None:
    assert snake_case(wire) == expected


@pytest.mark.parametrize(
    ("wire", "expected"),
    [("pet owner", "PetOwner"), ("pet_owner", "PetOwner"), ("2fa", "Model2fa"), ("Any", "Any_")],
)
def test_pascal_case(wire: str, expected: str) -> None:
    assert pascal_case(wire) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("in-progress", "IN_PROGRESS"), ("2xx", "VALUE_2XX"), ("", "EMPTY"), ("None", "NONE_")],
)
def test_constant_case(value: str, expected: str) -> None:
    assert constant_case(value) == expected


@pytest.mark.parametrize("text", ["a" * 10_000, "\x00\n'\"", "🦄", "def", "None", "__import__"])
def test_any_text_becomes_a_bounded_identifier(text: str) -> None:
    for name in (snake_case(text), pascal_case(text), constant_case(text)):
        assert name.isidentifier()
        assert not keyword.iskeyword(name)
        assert len(name) <= 81


def test_registry_suffixes_collisions_in_order_and_case_insensitively() -> None:
    registry = NameRegistry({"reserved"})
    assert [registry.claim(n) for n in ["Pet", "pet", "Pet", "Reserved"]] == [
        "Pet",
        "pet2",
        "Pet3",
        "Reserved2",
    ]
