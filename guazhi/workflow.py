"""What every state change shares."""


class TransitionError(Exception):
    """A workflow step that is not allowed now; the message says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
