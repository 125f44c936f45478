"""gunicorn as production runs it, on a free port on 127.0.0.1, started and always stopped."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ServerFailed(Exception):
    """gunicorn exited, or did not answer in time."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen, grace: float = 20) -> None:
    """SIGTERM lets gunicorn finish the requests in hand; what is still there after the grace goes."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        # The master started a session of its own, so its group holds it and its workers only.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], *, workers: int, log_path: Path, access_log: Path, timeout: float = 60
) -> Iterator[str]:
    """Run gunicorn until the block ends, however it ends; yields its base URL once it answers.

    Each line of the access log starts with the status, then the method, path and milliseconds."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "guazhi.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "60",
        "--graceful-timeout",
        "15",
        "--access-logfile",
        str(access_log),
        "--access-logformat",
        "%(s)s %(m)s %(U)s %(M)sms",
    ]
    with open(log_path, "ab") as log:
        # A session of its own: Ctrl-C reaches this process, which then stops gunicorn in order.
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + timeout
        while not _answers(f"{base_url}/login/"):
            if process.poll() is not None:
                raise ServerFailed(f"gunicorn exited with status {process.returncode}; see {log_path}")
            if time.monotonic() > deadline:
                raise ServerFailed(f"gunicorn did not answer within {timeout:.0f} s; see {log_path}")
            time.sleep(0.3)
        yield base_url
    finally:
        _stop(process)
