"""The one percent-encoding every signer and query of the client uses."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from cloud_checkup.app.cloud.encoding import is_unreserved, percent_encode


def test_reserved_characters_are_encoded_and_unreserved_ones_kept():
    assert percent_encode("cn-hangzhou_1.a~") == "cn-hangzhou_1.a~"
    assert percent_encode("a b*/,ü") == "a%20b%2A%2F%2C%C3%BC"
    assert is_unreserved("Tag.1.Key") and not is_unreserved("a b")


@given(st.text())
def test_any_text_is_encoded_as_rfc_3986_wants(text):
    assert percent_encode(text) == quote(text, safe="~")
