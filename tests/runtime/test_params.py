"""Parameter serialization against the OpenAPI style/explode table (unit level)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid

import pydantic
import pytest
from aiosdkgen.runtime import Param
from aiosdkgen.runtime._params import (
    serialize_cookie,
    serialize_header,
    serialize_path,
    serialize_query,
)

ARRAY = ["blue", "black", "brown"]
OBJECT = {"R": 100, "G": 200, "B": 150}


class Color(enum.Enum):
    BLUE = "blue"


class RGB(pydantic.BaseModel):
    red: int = pydantic.Field(alias="R")
    green: int | None = pydantic.Field(default=None, alias="G")


@pytest.mark.parametrize(
    ("style", "explode", "value", "expected"),
    [
        ("simple", False, "blue", "blue"),
        ("simple", False, ARRAY, "blue,black,brown"),
        ("simple", False, OBJECT, "R,100,G,200,B,150"),
        ("simple", True, ARRAY, "blue,black,brown"),
        ("simple", True, OBJECT, "R=100,G=200,B=150"),
        ("label", False, "blue", ".blue"),
        ("label", False, ARRAY, ".blue,black,brown"),
        ("label", False, OBJECT, ".R,100,G,200,B,150"),
        ("label", True, ARRAY, ".blue.black.brown"),
        ("label", True, OBJECT, ".R=100.G=200.B=150"),
        ("matrix", False, "blue", ";color=blue"),
        ("matrix", False, ARRAY, ";color=blue,black,brown"),
        ("matrix", False, OBJECT, ";color=R,100,G,200,B,150"),
        ("matrix", True, ARRAY, ";color=blue;color=black;color=brown"),
        ("matrix", True, OBJECT, ";R=100;G=200;B=150"),
        ("simple", False, None, ""),
        ("label", False, None, "."),
        ("matrix", False, None, ";color"),
    ],
)
def test_path_styles(style: str, explode: bool, value: object, expected: str) -> None:
    assert serialize_path(Param("color", "path", style, explode), value) == expected


def test_path_default_style_is_simple_without_explode() -> None:
    assert serialize_path(Param("c", "path"), OBJECT) == "R,100,G,200,B,150"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a/b?c#d", "a%2Fb%3Fc%23d"),
        ("sp ace", "sp%20ace"),
        ("100%", "100%25"),
        ("é", "%C3%A9"),
        (["a,b", "c"], "a%2Cb,c"),
    ],
)
def test_path_values_are_percent_encoded(value: object, expected: str) -> None:
    assert serialize_path(Param("p", "path"), value) == expected


def test_path_allow_reserved_keeps_slashes_but_not_query_or_fragment() -> None:
    param = Param("p", "path", allow_reserved=True)
    assert serialize_path(param, "dir/file:1?x#y") == "dir/file:1%3Fx%23y"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (1.5, "1.5"),
        (Color.BLUE, "blue"),
        (
            dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
            "2024-01-02T03%3A04%3A05Z",
        ),
        (dt.date(2024, 1, 2), "2024-01-02"),
        (uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
    ],
)
def test_scalar_conversion(value: object, expected: str) -> None:
    assert serialize_path(Param("p", "path"), value) == expected


def test_model_values_are_objects_by_alias_without_unset_fields() -> None:
    model = RGB(R=1)
    assert serialize_path(Param("c", "path", explode=True), model) == "R=1"
    assert serialize_query(Param("c", "query", "deepObject", True), RGB(R=1, G=None)) == [
        "c[R]=1",
        "c[G]=",
    ]


@pytest.mark.parametrize(
    ("style", "explode", "value", "expected"),
    [
        ("form", True, "blue", ["color=blue"]),
        ("form", True, ARRAY, ["color=blue", "color=black", "color=brown"]),
        ("form", True, OBJECT, ["R=100", "G=200", "B=150"]),
        ("form", False, ARRAY, ["color=blue,black,brown"]),
        ("form", False, OBJECT, ["color=R,100,G,200,B,150"]),
        ("spaceDelimited", False, ARRAY, ["color=blue%20black%20brown"]),
        ("spaceDelimited", False, OBJECT, ["color=R%20100%20G%20200%20B%20150"]),
        ("pipeDelimited", False, ARRAY, ["color=blue%7Cblack%7Cbrown"]),
        ("pipeDelimited", False, OBJECT, ["color=R%7C100%7CG%7C200%7CB%7C150"]),
        ("deepObject", True, OBJECT, ["color[R]=100", "color[G]=200", "color[B]=150"]),
        ("deepObject", True, {"a": {"b": 1}}, ["color[a][b]=1"]),
        ("form", True, None, ["color="]),
        ("form", True, [], []),
        ("form", False, {}, []),
    ],
)
def test_query_styles(style: str, explode: bool, value: object, expected: list[str]) -> None:
    assert serialize_query(Param("color", "query", style, explode), value) == expected


def test_query_values_never_break_the_query_string() -> None:
    param = Param("q", "query")
    assert serialize_query(param, "a&b=c#d e+f") == ["q=a%26b%3Dc%23d%20e%2Bf"]
    assert serialize_query(Param("q", "query", explode=False), ["x,y", "z"]) == ["q=x%2Cy,z"]


def test_query_allow_reserved() -> None:
    param = Param("q", "query", allow_reserved=True)
    assert serialize_query(param, "a/b:c,d&e#f") == ["q=a/b:c,d%26e%23f"]


def test_query_bool_default_form_explode() -> None:
    assert Param("x", "query").resolved_explode is True
    assert serialize_query(Param("x", "query"), [True, False]) == ["x=true", "x=false"]


@pytest.mark.parametrize(
    ("explode", "value", "expected"),
    [
        (False, "blue", "blue"),
        (False, ARRAY, "blue,black,brown"),
        (False, OBJECT, "R,100,G,200,B,150"),
        (True, OBJECT, "R=100,G=200,B=150"),
        (False, None, ""),
        (False, [], None),
    ],
)
def test_header_simple(explode: bool, value: object, expected: str | None) -> None:
    assert serialize_header(Param("X-Color", "header", explode=explode), value) == expected


def test_header_rejects_injection() -> None:
    with pytest.raises(ValueError, match="forbidden control character"):
        serialize_header(Param("X-A", "header"), "ok\r\nX-Evil: 1")


@pytest.mark.parametrize(
    ("explode", "value", "expected"),
    [
        (True, "blue", ["color=blue"]),
        (True, "a b;c", ["color=a%20b%3Bc"]),
        (False, ARRAY, ["color=blue,black,brown"]),
        (True, ARRAY, ["color=blue", "color=black", "color=brown"]),
        (True, OBJECT, ["R=100", "G=200", "B=150"]),
        (False, OBJECT, ["color=R,100,G,200,B,150"]),
        (True, None, ["color="]),
    ],
)
def test_cookie_form(explode: bool, value: object, expected: list[str]) -> None:
    assert serialize_cookie(Param("color", "cookie", explode=explode), value) == expected


def test_invalid_style_for_location_is_rejected_at_declaration() -> None:
    with pytest.raises(ValueError, match="not valid"):
        Param("x", "path", style="form")
