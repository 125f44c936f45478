"""People as colleagues name them."""

import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def person_name(user) -> str:
    """A user's name as a Chinese office writes it: family name first, no space (王博); a name in
    Latin letters keeps its own order (Anna Schmidt). The login name only when no name is on file."""
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if _CJK.search(first + last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part) or user.get_username()
