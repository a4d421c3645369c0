"""Keep-alive connections through gunicorn (the production server, with its
configuration) stay truthful after an answer given before the body was read."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

from budgetschuiver.kernel.settings import REPO_ROOT
from tests.integration.durability_harness import _free_port

BIG = 100 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with gunicorn.conf.py (gthread workers, keep-alive) on a free port."""
    folder = tmp_path_factory.mktemp("keepalive")
    port = _free_port()
    env = os.environ | {
        "BUDGETSCHUIVER_PORT": str(port),
        "BUDGETSCHUIVER_WORKERS": "1",
        "BUDGETSCHUIVER_DATABASE_URL": f"sqlite:///{folder / 'keepalive.db'}",
        "BUDGETSCHUIVER_INSTANCE_DIR": str(folder),
        "BUDGETSCHUIVER_SECRET_KEY": "keepalive-test-secret-" + "x" * 20,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def read_answer(sock: socket.socket) -> tuple[int, dict[str, str]]:
    """One HTTP/1.1 answer with a Content-Length body: (status, headers)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "connection closed before an answer"
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {
        name.strip().lower(): value.strip()
        for name, value in (line.split(":", 1) for line in lines[1:])
    }
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed inside an answer"
        rest += chunk
    return int(lines[0].split()[1]), headers


def chunked(body: bytes) -> bytes:
    parts = [
        f"{len(body[i : i + 8192]):x}\r\n".encode() + body[i : i + 8192] + b"\r\n"
        for i in range(0, len(body), 8192)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


def request_bytes(path: str, body: bytes, *, chunk: bool = False) -> bytes:
    framing = "Transfer-Encoding: chunked" if chunk else f"Content-Length: {len(body)}"
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: application/json\r\n{framing}\r\n\r\n"
    )
    return head.encode() + (chunked(body) if chunk else body)


def json_of_size(size: int) -> bytes:
    return b'{"comment": "' + b"x" * (size - 16) + b'"}'


CASES = [
    # (what, path, body size in bytes, sent chunked)
    ("too large for the API", "/api/v1/projects/park-zuiderpark/submissions", BIG, 0),
    ("too large for a Dash callback", "/_dash-update-component", BIG, 0),
    ("too large, no declared length", "/api/v1/polls/x/votes", BIG, 1),
    ("anonymous upload", "/dashboard/afbeeldingen", BIG, 0),
    ("small unread body, unknown API", "/api/v1/bestaat-niet", 2000, 0),
    ("small body, dashboard callback", "/_dash-update-component", 2000, 0),
]


@pytest.mark.parametrize(("what", "path", "size", "chunk"), CASES)
def test_keep001_answer_before_body_keeps_connection_truthful(
    server, what, path, size, chunk
):
    """Class: every answer given before the request body was read (size caps on
    the API and on Dash callbacks, with or without a declared length, a refused
    upload, an unknown address, a refused callback) either says "Connection:
    close" and closes the connection, or keeps it and answers the next request
    on it."""
    with socket.create_connection(("127.0.0.1", server), timeout=10) as sock:
        sock.sendall(request_bytes(path, json_of_size(size), chunk=bool(chunk)))
        status, headers = read_answer(sock)
        assert status >= 300, what
        if headers.get("connection", "").lower() == "close":
            sock.settimeout(10)
            assert sock.recv(1) == b"", what
            return
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert read_answer(sock)[0] == 200, what


def test_keep002_keep_alive_still_works_for_ordinary_requests(server):
    """Class: the fix closes only connections it must: ordinary requests, and
    refused small ones, keep one connection for many answers."""
    with socket.create_connection(("127.0.0.1", server), timeout=10) as sock:
        for body in (b"{}", json_of_size(4000), b"not json"):
            sock.sendall(
                request_bytes("/api/v1/projects/park-zuiderpark/submissions", body)
            )
            status, headers = read_answer(sock)
            assert status in (400, 422)
            assert headers.get("connection", "").lower() == "keep-alive"
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert read_answer(sock)[0] == 200
