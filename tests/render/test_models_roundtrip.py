"""The committed showcase SDK's models, imported and run on real JSON payloads."""

from __future__ import annotations

import json
import sys
import typing
from collections.abc import Iterator
from datetime import date, datetime, timezone
from types import ModuleType
from uuid import UUID

import pydantic
import pytest

from tests.conftest import GENERATED


@pytest.fixture(scope="module")
def models() -> Iterator[ModuleType]:
    sys.path.insert(0, str(GENERATED / "showcase"))
    try:
        import showcase_client.models as models

        yield models
    finally:
        sys.path.remove(str(GENERATED / "showcase"))


def roundtrip(
    model_type: type[pydantic.BaseModel], payload: dict[str, object]
) -> pydantic.BaseModel:
    """Validate from JSON bytes, dump by alias, and require the same JSON back."""
    instance = model_type.model_validate_json(json.dumps(payload).encode())
    assert json.loads(instance.model_dump_json(exclude_unset=True)) == payload
    return instance


def test_scalars_and_formats(models: ModuleType) -> None:
    payload = {
        "an_integer": 1,
        "a_number": 1.5,
        "a_boolean": True,
        "a_string": "this is far longer than maxLength and breaks the pattern",
        "a_date_time": "2024-05-06T07:08:09Z",
        "a_date": "2024-05-06",
        "a_time": "07:08:09",
        "a_uuid": "12345678-1234-5678-1234-567812345678",
        "a_byte": "aGVsbG8=",
        "an_email": "not-an-email",
        "a_uri": "relative/uri",
        "an_unknown_format": "x",
        "anything": {"nested": [1, None]},
    }
    scalars = roundtrip(models.Scalars, payload)
    assert scalars.a_date_time == datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    assert scalars.a_date == date(2024, 5, 6)
    assert scalars.a_uuid == UUID("12345678-1234-5678-1234-567812345678")


def test_missing_required_field_is_rejected(models: ModuleType) -> None:
    with pytest.raises(pydantic.ValidationError):
        models.Scalars.model_validate_json(b'{"an_integer": 1}')


def test_null_and_absent_are_different(models: ModuleType) -> None:
    nullability = models.Nullability.model_validate_json(
        b'{"required_nullable": null, "required_plain": "x"}'
    )
    assert nullability.required_nullable is None
    assert nullability.optional_with_default == 10
    assert nullability.enum_with_default is models.AnimalKind.CAT
    dumped = json.loads(nullability.model_dump_json(exclude_unset=True))
    assert dumped == {"required_nullable": None, "required_plain": "x"}
    with pytest.raises(pydantic.ValidationError):
        models.Nullability.model_validate_json(b'{"required_plain": "x"}')


def test_constructor_takes_python_names_and_dumps_wire_names(models: ModuleType) -> None:
    awkward = models.AwkwardNames(
        class_="c", type_="t", user_name2="dash", user_name="under", field_2fa=True
    )
    assert json.loads(awkward.model_dump_json(exclude_unset=True)) == {
        "class": "c",
        "@type": "t",
        "user-name": "dash",
        "user_name": "under",
        "2fa": True,
    }
    roundtrip(
        models.AwkwardNames, {"from": "f", "json": "j", "model_config": "m", "date": "2020-01-02"}
    )


def test_docstrings_keep_hostile_text_inert(models: ModuleType) -> None:
    doc = models.AwkwardNames.__doc__
    assert '"""triple quotes"""' in doc
    assert "{{ jinja }} {% syntax %}" in doc
    assert "backslash \\\n" in doc


def test_discriminated_union_picks_variants_including_inherited_ones(models: ModuleType) -> None:
    adapter = pydantic.TypeAdapter(models.Animal)
    cat = adapter.validate_json(
        b'{"kind": "cat", "name": "Tom", "lives": 9, "owner": {"name": "Ann"}}'
    )
    kitten = adapter.validate_json(b'{"kind": "kitten", "name": "Kit", "lives": 9}')
    dog = adapter.validate_json(b'{"kind": "dog", "name": "Rex"}')
    bird = adapter.validate_json(b'{"kind": "bird", "wingspan": 0.5}')
    assert (type(cat), type(kitten), type(dog), type(bird)) == (
        models.Cat,
        models.Cat,
        models.Dog,
        models.Bird,
    )
    assert isinstance(cat, models.AnimalBase)
    assert cat.owner.name == "Ann"
    assert dog.good_boy is True
    implicit = pydantic.TypeAdapter(models.Pet).validate_json(b'{"kind": "Dog", "name": "Rex"}')
    assert type(implicit) is models.Dog


def test_forward_compatibility(models: ModuleType) -> None:
    unknown_kind = pydantic.TypeAdapter(models.Animal).validate_json(
        b'{"kind": "axolotl", "gills": 6}'
    )
    assert type(unknown_kind).__name__ == "UnknownVariant"
    assert unknown_kind.model_extra == {"kind": "axolotl", "gills": 6}

    status = models.AnimalKind("unicorn")
    assert status.name == "UNKNOWN" and status.value == "unicorn"
    assert pydantic.TypeAdapter(models.Priority).validate_json(b"7").value == 7

    page = models.AnimalPage.model_validate_json(
        b'{"items": [], "next_cursor": null, "added_later": 1}'
    )
    assert page.model_extra == {"added_later": 1}
    assert json.loads(page.model_dump_json()) == {
        "items": [],
        "next_cursor": None,
        "added_later": 1,
    }


def test_containers_maps_and_typed_extras(models: ModuleType) -> None:
    roundtrip(
        models.Containers,
        {
            "tags": ["a"],
            "matrix": [[1.5]],
            "counts": {"a": 1},
            "free_form": {"x": [1]},
            "nested_maps": {"k": []},
        },
    )
    labels = models.Labels.model_validate_json(b'{"primary": "p", "other": "o"}')
    assert labels.model_extra == {"other": "o"}
    with pytest.raises(pydantic.ValidationError):
        models.Labels.model_validate_json(b'{"other": 5}')


def test_recursive_and_mutually_recursive_models(models: ModuleType) -> None:
    tree = roundtrip(
        models.TreeNode,
        {
            "value": "root",
            "children": [{"value": "leaf", "children": []}],
            "parent": {"value": "up"},
        },
    )
    assert tree.children[0].value == "leaf"
    person = roundtrip(
        models.Person, {"name": "a", "employer": {"name": "c", "staff": [{"name": "b"}]}}
    )
    assert person.employer.staff[0].name == "b"


def test_unions_aliases_and_composition(models: ModuleType) -> None:
    assert pydantic.TypeAdapter(models.StringOrNumber).validate_json(b"1.5") == 1.5
    assert pydantic.TypeAdapter(models.MaybeCat).validate_json(b"null") is None
    assert pydantic.TypeAdapter(models.Tags).validate_json(b'["a"]') == ["a"]
    roundtrip(models.Combined, {"left": "l", "right": 1})
    assert models.Pet2.__name__ == "Pet2"
    roundtrip(models.Error, {"code": 1, "message": "m", "details": [{"field": "f", "issue": "i"}]})


def test_models_load_lazily() -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(GENERATED / 'showcase')!r})\n"
        "import showcase_client.models as m\n"
        "assert 'showcase_client.models._cat' not in sys.modules\n"
        "m.Cat\n"
        "assert 'showcase_client.models._cat' in sys.modules\n"
        "assert 'showcase_client.models._tree_node' not in sys.modules\n"
    )
    import subprocess

    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_allof_branch_narrowing_the_discriminator_keeps_it_required_and_sent(
    models: ModuleType,
) -> None:
    """Fish's allOf branch narrows the base's required `kind: str` to `const: fish`: the field
    stays required (never `| None`), needs no argument, and is sent even when not passed."""
    fish = models.Fish(name="Nemo")
    assert fish.kind == "fish"
    assert json.loads(fish.model_dump_json(exclude_unset=True)) == {"kind": "fish", "name": "Nemo"}
    assert models.Fish.model_fields["kind"].annotation == typing.Literal["fish"]
    with pytest.raises(pydantic.ValidationError):
        models.Fish(kind="cat", name="Nemo")
    echoed = pydantic.TypeAdapter(models.Animal).validate_json(fish.model_dump_json())
    assert isinstance(echoed, models.Fish)


def test_an_allof_branch_retyping_a_base_property_parses_as_the_branch_says(
    models: ModuleType,
) -> None:
    fish = roundtrip(models.Fish, {"kind": "fish", "name": "Nemo", "owner": {"badge": "7"}})
    assert isinstance(fish.owner, models.Keeper) and fish.owner.badge == "7"
