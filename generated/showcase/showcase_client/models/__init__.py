"""The API's schemas as pydantic models, each module imported on first use.

Import models from here: the modules they live in are private, and which one holds a model
follows the spec's references, so it may change when the spec does."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._animal_base import AnimalBase as AnimalBase
    from ._animal_base import AnimalBaseOwner as AnimalBaseOwner
    from ._animal_page import Animal as Animal
    from ._animal_page import AnimalPage as AnimalPage
    from ._animal_page import Bird as Bird
    from ._animal_page import Fish as Fish
    from ._awkward_names import AwkwardNames as AwkwardNames
    from ._cat import Cat as Cat
    from ._combined import Combined as Combined
    from ._company import Company as Company
    from ._company import Person as Person
    from ._containers import Containers as Containers
    from ._containers import Scalars as Scalars
    from ._dog import Dog as Dog
    from ._error import Error as Error
    from ._error import ErrorDetail as ErrorDetail
    from ._feed_event import FeedEvent as FeedEvent
    from ._feed_event import FeedEventKind as FeedEventKind
    from ._feed_event import FeedEventPriority as FeedEventPriority
    from ._get_keeper_response import GetKeeperResponse as GetKeeperResponse
    from ._keeper import Keeper as Keeper
    from ._keeper_page import KeeperPage as KeeperPage
    from ._labels import Labels as Labels
    from ._list_animal_names_order import ListAnimalNamesOrder as ListAnimalNamesOrder
    from ._maybe_cat import MaybeCat as MaybeCat
    from ._nullability import AnimalKind as AnimalKind
    from ._nullability import Nullability as Nullability
    from ._parameter_styles_filter import ParameterStylesFilter as ParameterStylesFilter
    from ._parameter_styles_matrix import ParameterStylesMatrix as ParameterStylesMatrix
    from ._pet import Pet as Pet
    from ._pet_2 import Pet2 as Pet2
    from ._priority import Priority as Priority
    from ._string_or_number import StringOrNumber as StringOrNumber
    from ._tags import Tags as Tags
    from ._thumbnail import Thumbnail as Thumbnail
    from ._tree_node import TreeNode as TreeNode
    from ._upload_photo_request import UploadPhotoRequest as UploadPhotoRequest

_MODULE_OF: dict[str, str] = {
    "Animal": "_animal_page",
    "AnimalBase": "_animal_base",
    "AnimalBaseOwner": "_animal_base",
    "AnimalKind": "_nullability",
    "AnimalPage": "_animal_page",
    "AwkwardNames": "_awkward_names",
    "Bird": "_animal_page",
    "Cat": "_cat",
    "Combined": "_combined",
    "Company": "_company",
    "Containers": "_containers",
    "Dog": "_dog",
    "Error": "_error",
    "ErrorDetail": "_error",
    "FeedEvent": "_feed_event",
    "FeedEventKind": "_feed_event",
    "FeedEventPriority": "_feed_event",
    "Fish": "_animal_page",
    "GetKeeperResponse": "_get_keeper_response",
    "Keeper": "_keeper",
    "KeeperPage": "_keeper_page",
    "Labels": "_labels",
    "ListAnimalNamesOrder": "_list_animal_names_order",
    "MaybeCat": "_maybe_cat",
    "Nullability": "_nullability",
    "ParameterStylesFilter": "_parameter_styles_filter",
    "ParameterStylesMatrix": "_parameter_styles_matrix",
    "Person": "_company",
    "Pet": "_pet",
    "Pet2": "_pet_2",
    "Priority": "_priority",
    "Scalars": "_containers",
    "StringOrNumber": "_string_or_number",
    "Tags": "_tags",
    "Thumbnail": "_thumbnail",
    "TreeNode": "_tree_node",
    "UploadPhotoRequest": "_upload_photo_request",
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
    "FeedEvent",
    "FeedEventKind",
    "FeedEventPriority",
    "Fish",
    "GetKeeperResponse",
    "Keeper",
    "KeeperPage",
    "Labels",
    "ListAnimalNamesOrder",
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
