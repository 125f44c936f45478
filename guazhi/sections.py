"""Page sections contributed by apps higher in the import order.

A lower app's page (the cadre page, the secondment page) cannot import the
apps built on it; those apps register a provider here from
``AppConfig.ready``. A provider takes the request and the page's object and
returns a ``Section`` (a template and its context) or None.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass
class Section:
    template: str
    context: dict


Provider = Callable[[HttpRequest, Any], Section | None]


class SectionRegistry:
    def __init__(self) -> None:
        self._providers: list[Provider] = []

    def register(self, provider: Provider) -> None:
        if provider not in self._providers:
            self._providers.append(provider)

    def render_for(self, request: HttpRequest, obj: Any) -> list[Section]:
        return [section for provider in self._providers if (section := provider(request, obj)) is not None]
