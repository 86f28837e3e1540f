"""OSS's XML answers as plain dicts, parsed safely.

A response may carry a DOCTYPE or entities (a hostile or broken proxy could add them);
defusedxml refuses those instead of expanding them.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException


class XmlError(ValueError):
    pass


def parse(body: bytes) -> dict[str, Any]:
    """``<A><B>1</B><B>2</B></A>`` -> ``{"A": {"B": ["1", "2"]}}``.

    A tag that occurs once stays a single value: checks use ``as_list`` where the API
    can return one or many.
    """
    try:
        root = SafeElementTree.fromstring(body, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as error:
        raise XmlError(str(error)) from error
    return {_name(root): _value(root)}


def _name(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _value(element: Element) -> Any:
    children = list(element)
    if not children:
        return (element.text or "").strip()
    result: dict[str, Any] = {}
    for child in children:
        name, value = _name(child), _value(child)
        if name in result:
            if not isinstance(result[name], list):
                result[name] = [result[name]]
            result[name].append(value)
        else:
            result[name] = value
    return result
