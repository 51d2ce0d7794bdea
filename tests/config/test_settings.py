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


CONFIGURED = {
    "DJANGO_SECRET_KEY": "x" * 64 + "-production-only-secret-for-the-check",
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
}


def test_production_passes_the_deploy_check_when_configured() -> None:
    result = _run_production(
        {**CONFIGURED, "REDIS_URL": "redis://127.0.0.1:6379/0"},
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # CACHE_URL and REDIS_URL of the machine running the tests must not leak in.
    cleared = {"REDIS_URL": "", "CACHE_URL": "", "CELERY_BROKER_URL": "", **env}
    return _run_production({**CONFIGURED, **cleared}, "check", "--deploy", "--fail-level", "ERROR")


def test_deploy_check_refuses_several_workers_sharing_a_per_process_cache() -> None:
    result = _deploy_check({"GUNICORN_WORKERS": "3"})
    assert result.returncode != 0
    assert "core.E001" in result.stderr
    assert "3 web processes" in result.stderr


def test_deploy_check_counts_instances_times_workers() -> None:
    result = _deploy_check({"GUNICORN_WORKERS": "1", "WEB_INSTANCES": "2"})
    assert "core.E001" in result.stderr
    assert "2 web processes" in result.stderr


def test_deploy_check_accepts_one_worker_without_a_shared_cache() -> None:
    result = _deploy_check({"GUNICORN_WORKERS": "1"})
    assert result.returncode == 0, result.stderr
    # No broker: the jobs run in the request, which the check still points out.
    assert "core.W002" in result.stderr


def test_deploy_check_accepts_several_workers_on_redis() -> None:
    result = _deploy_check({"GUNICORN_WORKERS": "9", "REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert result.returncode == 0, result.stderr
    assert "core.E001" not in result.stderr
    assert "core.W002" not in result.stderr


def test_redis_url_gives_the_resilient_shared_cache_and_cached_sessions() -> None:
    code = (
        "import json; from django.conf import settings;"
        "print(json.dumps([settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE,"
        " settings.CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER]))"
    )
    result = _run_production(
        {**CONFIGURED, "REDIS_URL": "redis://127.0.0.1:6379/3", "CACHE_URL": ""},
        "shell",
        "-c",
        code,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        '["core.cache_backends.ResilientRedisCache", '
        '"django.contrib.sessions.backends.cached_db", "redis://127.0.0.1:6379/3", false]'
    )
