"""The performance benchmark: ``make bench`` (or ``python -m bench``).

It builds a large synthetic county in a database of its own (``dataset``,
``database``), then times pages through Django's test client and jobs called
in-process (``registry``, ``measure``), and prints a Markdown table that it
also writes to ``bench/results.json`` (``report``). Settings are read from
the environment: ``BENCH_DATABASE_URL``, ``BENCH_REBUILD``, ``BENCH_REPEAT``,
``BENCH_WARMUP``, ``BENCH_BUDGET_SECONDS`` and the data set's sizes
(``BENCH_CADRES``, ``BENCH_POSTS``, ``BENCH_TALKS``, ``BENCH_APPRAISALS``,
``BENCH_LEAVE``, ``BENCH_SEED``).
"""
