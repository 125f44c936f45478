"""Ids too large for the database match nothing, in lists of ids too.

Django answers ``pk=99999999999999999999`` with no rows (its own
``IntegerFieldExact``), but not ``pk__in=[99999999999999999999]``, which
SQLite refuses with an OverflowError; every multiple-choice field (specialties
on the cadre and post forms, the admin's) asks the latter first. Registered
for every integer field when the project starts, so a form answers such an id
with its ordinary "not one of the available choices".
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
