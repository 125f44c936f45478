"""manage.py on a developer's checkout and on a server."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(tmp_path, env_file: str | None = None, **env):
    """``manage.py check`` in a copy of manage.py beside the project, with only the given settings."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "manage.py", project / "manage.py")
    if env_file is not None:
        (project / ".env").write_text(env_file)
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL")}
    clean["PYTHONPATH"] = str(ROOT)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=project, env=clean, capture_output=True, text=True
    )


@pytest.mark.skipif((ROOT / ".env").exists(), reason="this checkout has a .env file, which settings read")
def test_a_checkout_without_settings_runs_the_commands_in_development_mode(tmp_path):
    assert run_check(tmp_path).returncode == 0


@pytest.mark.skipif((ROOT / ".env").exists(), reason="this checkout has a .env file, which settings read")
def test_debug_off_without_a_secret_key_is_refused(tmp_path):
    result = run_check(tmp_path, DEBUG="0")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


@pytest.mark.skipif((ROOT / ".env").exists(), reason="this checkout has a .env file, which settings read")
def test_a_env_file_beside_manage_py_keeps_development_mode_off(tmp_path):
    result = run_check(tmp_path, env_file="DEBUG=0\n")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
