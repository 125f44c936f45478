"""Every form and every list filter, driven with arbitrary text by staff and by a unit leader,
answers without a server error.

The forms are found the way a person finds them: each page of the URL matrix
is opened as the persona, and every form on it (its fields read from the
HTML) is a target. Hypothesis then fills a target's fields with text (odd
digits, NUL, right-to-left marks, ids past 64 bits, 100,000 characters, and
anything else it thinks of) and sends it. The test client raises any error a
view lets through, so a 500 fails the test with its traceback.
"""

import os
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import client_for

from .test_url_matrix import (  # noqa: F401  (the matrix's world and the fixtures it needs)
    appraisal,
    appraisal_round,
    review,
    submitted_appraisal,
    waiting,
    world,
)
from .url_matrix import MATRIX

# Examples per persona; GUAZHI_FUZZ_EXAMPLES=1000 for a longer search.
EXAMPLES = int(os.environ.get("GUAZHI_FUZZ_EXAMPLES", "100"))
# Leaving these would end the session the rest of the run needs.
SKIPPED = {"logout", "password_change"}
# Query parameters pages read besides their filter forms.
EXTRA_QUERY = ["page", "since", "post", "cadre", "batch", "token"]
ODD = [
    "",
    "²",
    "①",
    "²⁰¹⁹",
    "٢٠١٩",
    "１２３",
    "11010119900307²²²X",
    "99999999999999999999",
    "-99999999999999999999",
    "1e999",
    "NaN",
    "0",
    "-1",
    "\x00",
    "a\x00b",
    "\u202e\u202d",
    "\u200f١\u200f",
    "\ud7ff\ufeff",
    "2024-02-30",
    "9999-99-99",
    "²:4",
    "1:2:3",
    '=HYPERLINK("http://x","y")',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "挂" * 100_000,
]
TEXT = st.one_of(st.sampled_from(ODD), st.text(max_size=40))


class _Forms(HTMLParser):
    """The forms of a page: method, action, the names of their fields (and which take files), and
    the values the page fills in, a valid starting point that Hypothesis then spoils field by field."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        form, name = self._current, attributes.get("name")
        if tag == "form":
            self._current = {
                "method": (attributes.get("method") or "get").lower(),
                "action": attributes.get("action") or "",
                "fields": set(),
                "files": set(),
                "values": {},
            }
            self.forms.append(self._current)
        elif form is None:
            return
        elif tag == "option" and self._select:
            value = attributes.get("value") or ""
            if "selected" in attributes or self._select not in form["values"]:
                form["values"][self._select] = value
        elif not name or name == "csrfmiddlewaretoken":
            return
        elif tag == "input" and attributes.get("type") == "file":
            form["files"].add(name)
            # What a "clear" box beside a file field would send, shown or not.
            form["fields"].add(f"{name}-clear")
        elif tag in ("input", "select", "textarea", "button"):
            form["fields"].add(name)
            kind = attributes.get("type", "text")
            if tag == "input" and (kind not in ("checkbox", "radio") or "checked" in attributes):
                form["values"].setdefault(name, attributes.get("value") or "")
            self._select = name if tag == "select" else None
            self._textarea = name if tag == "textarea" else None

    def handle_data(self, data):
        if self._textarea and self._current is not None:
            self._current["values"][self._textarea] = data.strip()

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _targets(client, matrix_world) -> list[tuple]:
    """(method, url, fields, file fields, filled-in values) for every form on every page the persona can open."""
    targets = set()
    for url_name, entry in sorted(MATRIX.items()):
        if url_name in SKIPPED:
            continue
        url = reverse(url_name, args=entry["args"](matrix_world))
        targets.add(("get", url, tuple(EXTRA_QUERY), (), ()))
        response = client.get(url + entry["query"](matrix_world))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urljoin(url, form["action"]) if form["action"] else url
            if urlsplit(action).path in {reverse(name) for name in SKIPPED}:
                continue
            fields = tuple(sorted(form["fields"]))
            if form["method"] == "get":
                fields = tuple(sorted(set(fields) | set(EXTRA_QUERY)))
            filled = tuple(sorted(form["values"].items()))
            targets.add((form["method"], action, fields, tuple(sorted(form["files"])), filled))
    return sorted(targets)


def _send(client, target, values: dict, upload: bytes | None = None):
    method, url, fields, files, filled = target
    data = {**dict(filled), **{name: values[name] for name in fields if name in values}}
    if method == "get":
        return client.get(url, data)
    if upload is not None:
        for name in files:
            data[name] = SimpleUploadedFile("文件.pdf", upload)
    return client.post(url, data)


@pytest.mark.parametrize("persona", ["officer", "leader_a"])
def test_no_form_or_filter_answers_with_a_server_error(world, persona):  # noqa: F811
    client = client_for(world[persona])
    targets = _targets(client, world)
    assert len(targets) > (40 if persona == "officer" else 15)

    # Every target with every field odd in the same way, then Hypothesis mixes (100,000
    # characters among what it draws: sent to every field of every form, it would take minutes).
    for target in targets:
        # The page's own values sent back, with any "clear" box beside a file ticked.
        clear = {name: "on" for name in target[2] if name.endswith("-clear")}
        assert _send(client, target, clear).status_code < 500
        for odd in ("²", "99999999999999999999", "\x00", "\u202e١"):
            assert _send(client, target, dict.fromkeys(target[2], odd)).status_code < 500

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def fuzz(data):
        target = data.draw(st.sampled_from(targets), label="form")
        names = target[2]
        chosen = data.draw(st.lists(st.sampled_from(names), unique=True), label="fields") if names else []
        values = {name: data.draw(TEXT, label=name) for name in chosen}
        upload = data.draw(st.one_of(st.none(), st.binary(max_size=64)), label="file")
        assert _send(client, target, values, upload).status_code < 500

    fuzz()
