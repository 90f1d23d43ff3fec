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
    assert config["threads"] == 8  # enough for a burst of registrations (their fixed answer time)
    assert config["switch_interval"] == 0.001
    assert (config["timeout"], config["graceful_timeout"]) == (30, 30)
    assert (config["max_requests"], config["max_requests_jitter"]) == (10000, 5000)
    assert config["preload_app"] is True
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert config["control_socket_disable"] is True
    assert config["logconfig_dict"]["handlers"]["gunicorn"]["formatter"] == "json"


def test_gunicorn_config_reads_the_environment():
    config = gunicorn_config(
        {
            "GUNICORN_BIND": "127.0.0.1:9001,unix:/run/iwt.sock",
            "GUNICORN_WORKERS": "3",
            "GUNICORN_THREADS": "4",
            "GUNICORN_SWITCH_INTERVAL": "0.002",
            "GUNICORN_TIMEOUT": "60",
            "GUNICORN_MAX_REQUESTS": "0",
            "GUNICORN_PRELOAD": "false",
            "GUNICORN_FORWARDED_ALLOW_IPS": "10.0.0.2",
            "GUNICORN_ACCESS_LOG": "false",
            "DJANGO_LOG_FORMAT": "text",
        }
    )
    assert config["bind"] == ["127.0.0.1:9001", "unix:/run/iwt.sock"]
    assert (config["workers"], config["threads"], config["timeout"]) == (3, 4, 60)
    assert config["switch_interval"] == 0.002
    assert config["max_requests"] == 0
    assert config["max_requests_jitter"] == 0
    assert config["preload_app"] is False
    assert config["forwarded_allow_ips"] == "10.0.0.2"
    assert config["logconfig_dict"]["loggers"]["gunicorn.access"]["level"] == "WARNING"
    assert config["logconfig_dict"]["handlers"]["gunicorn"]["formatter"] == "text"


def test_the_jitter_defaults_to_half_of_max_requests_and_can_be_set():
    assert gunicorn_config({"GUNICORN_MAX_REQUESTS": "2000"})["max_requests_jitter"] == 1000
    config = gunicorn_config({"GUNICORN_MAX_REQUESTS_JITTER": "50"})
    assert (config["max_requests"], config["max_requests_jitter"]) == (10000, 50)


class FakeWorker:
    def __init__(self, wsgi):
        self.wsgi = wsgi
        self.log = mock.Mock()


def test_each_worker_hands_the_interpreter_over_sooner_than_python_does(monkeypatch):
    config = gunicorn_config({})
    set_to = []
    monkeypatch.setattr(sys, "setswitchinterval", set_to.append)
    config["post_fork"](server=None, worker=None)
    assert set_to == [0.001] and sys.getswitchinterval() == 0.005  # the tests' own, untouched


@pytest.mark.django_db
def test_a_new_worker_is_warmed_by_a_health_check_through_the_wsgi_app():
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    application = get_wsgi_application()
    answers = []

    def wsgi(environ, start_response):
        def recording_start_response(status, headers, exc_info=None):
            answers.append((environ["PATH_INFO"], status))
            return start_response(status, headers, exc_info)

        return application(environ, recording_start_response)

    worker = FakeWorker(wsgi)
    with mock.patch.object(connection, "close") as close:  # the test's transaction stays
        gunicorn_config({})["post_worker_init"](worker)
    assert answers == [("/healthz", "200 OK")]
    worker.log.warning.assert_not_called()
    worker.log.exception.assert_not_called()
    close.assert_called()  # no connection of the warm-up stays open in the worker


def test_a_failed_warm_up_is_logged_and_the_worker_starts():
    worker = FakeWorker(mock.Mock(side_effect=RuntimeError("the database is down")))
    gunicorn_config({})["post_worker_init"](worker)  # does not raise
    worker.wsgi.assert_called_once()
    assert worker.wsgi.call_args.args[0]["PATH_INFO"] == "/healthz"
    worker.log.exception.assert_called_once()


def test_a_warm_up_answered_with_an_error_is_logged():
    def unavailable(environ, start_response):
        start_response("503 Service Unavailable", [])
        return [b"{}"]

    worker = FakeWorker(unavailable)
    gunicorn_config({})["post_worker_init"](worker)
    worker.log.warning.assert_called_once()
    worker.log.exception.assert_not_called()


def exit_worker(code, *, pid=None):
    """Call the worker_exit hook as gunicorn does: while the worker's SystemExit is raised."""
    worker = FakeWorker(None)
    worker.pid = os.getpid() if pid is None else pid
    hook = gunicorn_config({})["worker_exit"]
    other_thread = mock.Mock(daemon=False)  # a gthread worker's thread, still answering
    with (
        mock.patch("os._exit") as exit_now,
        mock.patch("logging.shutdown") as shutdown,
        mock.patch("django.db.connections.close_all") as close_all,
        mock.patch("threading.enumerate", return_value=[other_thread]),
    ):
        try:
            try:
                sys.exit(code)
            finally:
                hook(None, worker)
        except SystemExit:
            pass
    return exit_now, shutdown, close_all, other_thread


def test_a_replaced_worker_exits_at_once_with_its_logs_flushed():
    exit_now, shutdown, close_all, other_thread = exit_worker(0)
    other_thread.join.assert_called_once_with()
    exit_now.assert_called_once_with(0)
    shutdown.assert_called_once()
    close_all.assert_called_once()


@pytest.mark.parametrize(("code", "pid"), [(3, None), (-1, None), (0, 1)])
def test_a_worker_that_failed_or_the_arbiter_exits_as_before(code, pid):
    exit_now, shutdown, _, _ = exit_worker(code, pid=pid)
    exit_now.assert_not_called()
    shutdown.assert_not_called()


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
