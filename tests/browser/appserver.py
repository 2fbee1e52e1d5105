"""Run the app under `streamlit run` on a loopback port and a store of its own, and stop it.

Used by the browser tests' fixtures and by scripts/screenshots.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT_S = 60


class AppDidNotStart(RuntimeError):
    """streamlit exited or did not answer /_stcore/health in time; the message holds its log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(db: Path, demo: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(HOTLINE_DB=str(db), HOTLINE_DEMO="1" if demo else "0", PYTHONUNBUFFERED="1")
    return env


@contextmanager
def running_app(db: Path, log: Path, demo: bool = False, script: str = "app.py") -> Iterator[str]:
    """Start `streamlit run app.py` (or another `script`) on the SQLite file `db`; yield its
    base URL; stop it."""
    with serving(script, app_env(db, demo), log) as (url, _):
        yield url


@contextmanager
def serving(script: str, env: dict[str, str], log: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """`streamlit run SCRIPT` (a path from the repository root) on a free loopback port, with
    the app's own settings; yield its base URL and process; stop it."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, process, log)
        yield url, process
    finally:
        _stop(process)


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AppDidNotStart(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise AppDidNotStart(f"no answer from {url} after {STARTUP_TIMEOUT_S}s:\n{log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the app's own process group (it runs in a new session), SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_idle(page: Page) -> None:
    """Wait until Streamlit has finished its script run.

    Right after a click the next run may not have started yet: then wait for what it draws.
    """
    expect(page.locator("[data-testid='stApp']")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=60_000
    )
