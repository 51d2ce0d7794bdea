import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("module", ["local", "test", "bench"])
def test_each_settings_module_loads(module: str) -> None:
    settings = importlib.import_module(f"config.settings.{module}")
    assert settings.LANGUAGE_CODE == "ru"
    assert [code for code, _ in settings.LANGUAGES] == ["en", "ru", "ky", "tg"]
    assert "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE


def _run_production(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _run_production({"DJANGO_ALLOWED_HOSTS": "portal.example.org"}, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_passes_the_deploy_check_when_configured() -> None:
    result = _run_production(
        {
            "DJANGO_SECRET_KEY": "x" * 64 + "-production-only-secret-for-the-check",
            "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
