"""Reading the application's HTML the way a browser would, with the standard library only.

The simulated users fill in the real forms: they take the CSRF token, the
initial values, the options offered and the radio buttons from the page,
change what a person would change, and post the rest back as it was.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    """One ``<form>``: its action, the values a browser would send, and the choices it offers."""

    action: str
    method: str
    values: dict[str, str] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)
    data_confirm: str = ""

    def data(self, **changes: str) -> dict[str, str]:
        """The values as posted, with some changed (a button's name and value among them)."""
        return {**self.values, **changes}


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._option: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = Form(
                action=attr.get("action", ""),
                method=attr.get("method", "get").lower(),
                data_confirm=attr.get("data-confirm", ""),
            )
            self.forms.append(self._form)
        elif self._form is not None:
            self._field(self._form, tag, attr)

    def _field(self, form: Form, tag: str, attr: dict[str, str]) -> None:
        name = attr.get("name", "")
        if tag == "input" and name:
            kind = attr.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                form.choices.setdefault(name, []).append(attr.get("value", "on"))
                if "checked" in attr:
                    form.values[name] = attr.get("value", "on")
            elif kind not in ("submit", "button", "image", "file", "reset"):
                form.values[name] = attr.get("value", "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            form.choices.setdefault(name, [])
        elif tag == "option" and self._select is not None:
            self._close_option(form)
            self._option = {"value": attr.get("value"), "text": [], "selected": "selected" in attr}

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)
        if self._option is not None:
            self._option["text"].append(data)

    def handle_endtag(self, tag: str) -> None:
        form = self._form
        if form is None:
            return
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that may follow <textarea>.
            form.values[self._textarea] = "".join(self._text).removeprefix("\n")
            self._textarea = None
        elif tag == "option":
            self._close_option(form)
        elif tag == "select" and self._select is not None:
            self._close_option(form)
            if self._select not in form.values and self._select_first is not None:
                form.values[self._select] = self._select_first
            self._select = None

    def _close_option(self, form: Form) -> None:
        option, self._option = self._option, None
        if option is None or self._select is None:
            return
        value = option["value"] if option["value"] is not None else "".join(option["text"]).strip()
        form.choices[self._select].append(value)
        if self._select_first is None:
            self._select_first = value
        if option["selected"]:
            form.values[self._select] = value


def forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_with(html: str, field_name: str) -> Form | None:
    """The first POST form on the page that has a field of this name."""
    for form in forms(html):
        if form.method == "post" and (field_name in form.values or field_name in form.choices):
            return form
    return None


def links(html: str, pattern: str) -> list[str]:
    """The distinct hrefs on the page that match a regular expression, in page order."""
    matcher = re.compile(pattern)
    found = re.findall(r'href="([^"]+)"', html)
    return list(dict.fromkeys(href for href in found if matcher.fullmatch(href)))


def ids(html: str, pattern: str) -> list[int]:
    """The numbers captured by a pattern with one group, e.g. ``/appraisals/(\\d+)/file/``."""
    return list(dict.fromkeys(int(number) for number in re.findall(pattern, html)))


def has_success(html: str) -> bool:
    """The page shows a success message (the messages framework's ``alert-success``)."""
    return "alert alert-success" in html


def has_error(html: str) -> bool:
    return "alert alert-danger" in html


def error_text(html: str) -> str:
    """The first error the page shows (a message or a field's), as plain text, for the run's report."""
    found = re.search(r'class="(?:alert alert-danger|invalid-feedback)[^"]*"[^>]*>(.*?)</', html, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""


def assets(html: str) -> list[str]:
    """The stylesheets and scripts a browser loads with the page."""
    found = re.findall(r'<link[^>]+href="(/static/[^"]+)"|<script[^>]+src="(/static/[^"]+)"', html)
    return list(dict.fromkeys(href or src for href, src in found))
