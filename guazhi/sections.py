"""Page sections contributed by apps higher in the import order.

A lower app's page (the cadre page, the secondment page) cannot import the
apps built on it; those apps register a provider here from
``AppConfig.ready``. A provider takes the request and the page's object and
returns a ``Section`` (a template, its context and where on the page it goes)
or None. This is the one way a page shows what a higher app knows of its object:
the cadre's secondments, a secondment's appraisals and the alerts it is in.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass
class Section:
    template: str
    context: dict
    # "main" in the page's main column; "alerts" at the top, under the title.
    slot: str = "main"


Provider = Callable[[HttpRequest, Any], Section | None]


class SectionRegistry:
    def __init__(self) -> None:
        self._providers: list[Provider] = []

    def register(self, provider: Provider) -> None:
        if provider not in self._providers:
            self._providers.append(provider)

    def render_for(self, request: HttpRequest, obj: Any) -> list[Section]:
        return [section for provider in self._providers if (section := provider(request, obj)) is not None]
