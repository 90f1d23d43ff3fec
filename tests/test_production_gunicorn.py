"""gunicorn's configuration reads the environment; its logs are JSON lines like the site's."""

import json
import multiprocessing
import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from unittest import mock

import pytest

from tests.test_settings import OURS, PRODUCTION_ENV, ROOT

CONFIG = ROOT / "config" / "gunicorn.conf.py"


def gunicorn_config(env):
    with mock.patch.dict("os.environ", env):
        return runpy.run_path(str(CONFIG))


def test_gunicorn_config_defaults_suit_one_server():
    config = gunicorn_config({})
    assert config["wsgi_app"] == "config.wsgi:application"
    assert config["bind"] == ["0.0.0.0:8000"]
    assert config["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert config["threads"] == 2
    assert (config["timeout"], config["graceful_timeout"]) == (30, 30)
    assert (config["max_requests"], config["max_requests_jitter"]) == (1000, 100)
    assert config["preload_app"] is True
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert config["control_socket_disable"] is True
    assert config["logconfig_dict"]["handlers"]["gunicorn"]["formatter"] == "json"


def test_gunicorn_config_reads_the_environment():
    config = gunicorn_config(
        {
            "GUNICORN_BIND": "127.0.0.1:9001,unix:/run/iwt.sock",
            "GUNICORN_WORKERS": "3",
            "GUNICORN_THREADS": "8",
            "GUNICORN_TIMEOUT": "60",
            "GUNICORN_MAX_REQUESTS": "0",
            "GUNICORN_PRELOAD": "false",
            "GUNICORN_FORWARDED_ALLOW_IPS": "10.0.0.2",
            "GUNICORN_ACCESS_LOG": "false",
            "DJANGO_LOG_FORMAT": "text",
        }
    )
    assert config["bind"] == ["127.0.0.1:9001", "unix:/run/iwt.sock"]
    assert (config["workers"], config["threads"], config["timeout"]) == (3, 8, 60)
    assert config["max_requests"] == 0
    assert config["preload_app"] is False
    assert config["forwarded_allow_ips"] == "10.0.0.2"
    assert config["logconfig_dict"]["loggers"]["gunicorn.access"]["level"] == "WARNING"
    assert config["logconfig_dict"]["handlers"]["gunicorn"]["formatter"] == "text"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    request = urllib.request.Request(url, headers={"Host": "iwt.example.org"})
    opener = urllib.request.build_opener(NoRedirects)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.slow
def test_gunicorn_writes_json_access_lines_without_link_secrets(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(OURS)}
    env.update(PRODUCTION_ENV)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
        }
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                health = fetch(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.5)
        secret = fetch(f"http://127.0.0.1:{port}/registration/manage/ABCD2345/s3cr3t-token/")
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=60)
    assert (health, secret) == (200, 301)
    lines = [json.loads(line) for line in stderr.splitlines() if line.strip()]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    assert [(line["method"], line["path"], line["status"]) for line in access] == [
        ("GET", "/healthz", 200),
        ("GET", "/registration/manage/ABCD2345/…/", 301),
    ]
    assert all("duration_ms" in line and "time" in line for line in access)
    assert any(line["logger"] == "gunicorn.error" for line in lines)
    assert "s3cr3t" not in stderr
