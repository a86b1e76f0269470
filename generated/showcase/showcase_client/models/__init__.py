"""The API's schemas as pydantic models, each module imported on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .animal_base import AnimalBase as AnimalBase
    from .animal_base import AnimalBaseOwner as AnimalBaseOwner
    from .animal_page import Animal as Animal
    from .animal_page import AnimalPage as AnimalPage
    from .animal_page import Bird as Bird
    from .animal_page import Fish as Fish
    from .animal_page import Keeper as Keeper
    from .awkward_names import AwkwardNames as AwkwardNames
    from .cat import Cat as Cat
    from .combined import Combined as Combined
    from .company import Company as Company
    from .company import Person as Person
    from .containers import Containers as Containers
    from .containers import Scalars as Scalars
    from .dog import Dog as Dog
    from .error import Error as Error
    from .error import ErrorDetail as ErrorDetail
    from .labels import Labels as Labels
    from .maybe_cat import MaybeCat as MaybeCat
    from .nullability import AnimalKind as AnimalKind
    from .nullability import Nullability as Nullability
    from .parameter_styles_filter import ParameterStylesFilter as ParameterStylesFilter
    from .parameter_styles_matrix import ParameterStylesMatrix as ParameterStylesMatrix
    from .pet import Pet as Pet
    from .pet_2 import Pet2 as Pet2
    from .priority import Priority as Priority
    from .string_or_number import StringOrNumber as StringOrNumber
    from .tags import Tags as Tags
    from .thumbnail import Thumbnail as Thumbnail
    from .tree_node import TreeNode as TreeNode
    from .upload_photo_request import UploadPhotoRequest as UploadPhotoRequest

_MODULE_OF: dict[str, str] = {
    "Animal": "animal_page",
    "AnimalBase": "animal_base",
    "AnimalBaseOwner": "animal_base",
    "AnimalKind": "nullability",
    "AnimalPage": "animal_page",
    "AwkwardNames": "awkward_names",
    "Bird": "animal_page",
    "Cat": "cat",
    "Combined": "combined",
    "Company": "company",
    "Containers": "containers",
    "Dog": "dog",
    "Error": "error",
    "ErrorDetail": "error",
    "Fish": "animal_page",
    "Keeper": "animal_page",
    "Labels": "labels",
    "MaybeCat": "maybe_cat",
    "Nullability": "nullability",
    "ParameterStylesFilter": "parameter_styles_filter",
    "ParameterStylesMatrix": "parameter_styles_matrix",
    "Person": "company",
    "Pet": "pet",
    "Pet2": "pet_2",
    "Priority": "priority",
    "Scalars": "containers",
    "StringOrNumber": "string_or_number",
    "Tags": "tags",
    "Thumbnail": "thumbnail",
    "TreeNode": "tree_node",
    "UploadPhotoRequest": "upload_photo_request",
}

__all__ = [
    "Animal",
    "AnimalBase",
    "AnimalBaseOwner",
    "AnimalKind",
    "AnimalPage",
    "AwkwardNames",
    "Bird",
    "Cat",
    "Combined",
    "Company",
    "Containers",
    "Dog",
    "Error",
    "ErrorDetail",
    "Fish",
    "Keeper",
    "Labels",
    "MaybeCat",
    "Nullability",
    "ParameterStylesFilter",
    "ParameterStylesMatrix",
    "Person",
    "Pet",
    "Pet2",
    "Priority",
    "Scalars",
    "StringOrNumber",
    "Tags",
    "Thumbnail",
    "TreeNode",
    "UploadPhotoRequest",
]


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
