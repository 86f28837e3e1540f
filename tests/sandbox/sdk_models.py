"""Alibaba's per-product SDK response models, read as the shape of each answer.

The SDK packages are test-only dependencies. Their generated models (``TeaModel`` in
older packages, ``DaraModel`` in newer ones) list every field an answer may carry in
``from_map``, one ``if m.get('Field') is not None:`` block per field, and parse a
nested object, or the items of a nested list, with another model class
(``temp_model = main_models.Other()``). That is the shape read here.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from cloud_checkup.app.cloud import endpoints

# Where a response model is not named <Action>ResponseBody.
MODEL_NAMES = {
    ("eas", "DescribeService"): "Service",
    ("sls", "GetLogStore"): "Logstore",
}

_FIELD_BLOCK = re.compile(
    r"if m\.get\('(?P<key>[^']+)'\) is not None:(?P<body>.*?)"
    r"(?=\n\s*if m\.get\(|\n\s*return self)",
    re.DOTALL,
)
_NESTED = re.compile(r"temp_model = (?:main_models\.)?(\w+)\(\)")
_ATTRIBUTE = re.compile(r"self\.(\w+)\s*=")


@cache
def response_model(product: str, action: str) -> type | None:
    """The SDK's model of ``action``'s answer; None when the product has no SDK."""
    spec = endpoints.product(product)
    package = (
        f"alibabacloud_{spec.code.replace('-', '_')}{spec.version.replace('-', '')}"
    )
    try:
        models = importlib.import_module(f"{package}.models")
    except ImportError:
        return None
    return getattr(models, MODEL_NAMES.get((product, action), f"{action}ResponseBody"))


@dataclass(frozen=True)
class ModelField:
    """One field of a model, as its answer carries it.

    Attributes:
        nested: the model of the nested object (or of each item of a nested list);
            None for a plain value.
        free_form: a map of any keys (``Dict[str, Any]``, such as quota dimensions):
            whatever is inside is not described by the model.
    """

    nested: type | None = None
    free_form: bool = False


@cache
def model_fields(model: type) -> dict[str, ModelField]:
    """The fields of ``model`` by their name in the answer."""
    models = importlib.import_module(model.__module__.split(".")[0] + ".models")
    annotations = inspect.signature(model.__init__).parameters
    fields = {}
    for block in _FIELD_BLOCK.finditer(inspect.getsource(model.from_map)):
        body = block["body"]
        attribute = _ATTRIBUTE.search(body)
        annotation = annotations.get(attribute[1]) if attribute else None
        if annotation is not None and "Dict[" in str(annotation.annotation):
            fields[block["key"]] = ModelField(free_form=True)
            continue
        nested = _NESTED.search(body)
        fields[block["key"]] = ModelField(
            getattr(models, nested[1]) if nested else None
        )
    return fields


def unknown_field(model: type | None, path: Sequence[str]) -> str | None:
    """The dotted prefix of ``path`` where it leaves ``model``, or None if the model
    has every part of it (lists are crossed transparently: a nested model describes
    each item)."""
    for depth, key in enumerate(path):
        if model is None:
            return ".".join(path[: depth + 1])
        field = model_fields(model).get(key)
        if field is None:
            return ".".join(path[: depth + 1])
        if field.free_form:
            return None
        model = field.nested
    return None


def record_model(product: str, action: str, items: str | None) -> type | None:
    """The model of one record: the part of the answer at the dotted ``items`` path;
    None when the answer has no model or the records are bare values (names)."""
    model = response_model(product, action)
    for key in items.split(".") if items else ():
        if model is None:
            return None
        field = model_fields(model).get(key)
        model = field.nested if field else None
    return model
