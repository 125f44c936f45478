"""Model fields shared by the apps."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import cached_property

# How much free text a field takes, in characters: a reason or a remark; what was said or done;
# a document typed in (a plan, a self-summary, a résumé).
NOTE = 1000
TEXT = 3000
LONG_TEXT = 20000


class LimitedTextField(models.TextField):
    """Free text with a maximum length: its form field says so (maxlength, with a counter on the
    page) and refuses more, and so does the model's validation. The column stays a text column."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        return [*super().validators, MaxLengthValidator(self.max_length)]
