"""What every state change shares."""


class TransitionError(Exception):
    """A workflow step that is not allowed now; the message says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def acting_user(actor):
    """The user to record as having taken a step, or None when no one signed in did (a command,
    the system): what every ``…_by`` column and timeline line stores."""
    return actor if actor is not None and actor.is_authenticated else None
