"""SQL expressions the ORM lacks, written once for SQLite and PostgreSQL."""

from django.db.models import Func, IntegerField


class DayNumber(Func):
    """A date as its number of days since 2000-01-01, so that two dates subtract to the days between them in SQL
    (the ORM's own date subtraction gives a duration, which compares with nothing else)."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) - julianday('2000-01-01') AS INTEGER)",
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s - DATE '2000-01-01')")
