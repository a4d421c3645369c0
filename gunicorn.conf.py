"""gunicorn settings for `make serve`: several workers, threads for waiting on the
database, and an access log without client addresses (privacy)."""

import gc
import multiprocessing

from budgetschuiver.kernel.settings import Settings

_settings = Settings.from_env()

bind = f"{_settings.host}:{_settings.port}"
workers = _settings.workers or multiprocessing.cpu_count() * 2 + 1
worker_class = "gthread"
threads = 4
timeout = 30
graceful_timeout = 15
keepalive = 5
# Each worker builds its own app (own database pool); nothing is shared by fork.
preload_app = False
accesslog = "-"
# Request line, status, size and duration; deliberately no %(h)s (client address).
access_log_format = '"%(r)s" %(s)s %(b)s %(M)sms'
# Only a proxy on this machine may tell us the original scheme and address.
forwarded_allow_ips = "127.0.0.1,::1"


def post_worker_init(_worker) -> None:
    """Everything the worker built at start-up (the app, its pages, the catalog)
    lives as long as the worker: frozen, the garbage collector stops walking it on
    every full collection, which showed as pauses of a hundred milliseconds and more
    in the tail of submission latencies under load."""
    gc.freeze()


# After answering, gunicorn reads away a request body the app did not read (an early
# 413, 401 or 404), but only up to 64 KiB; past that it drops the connection after an
# answer that said "keep-alive", and the client's next request on it gets no answer.
DRAINED_BY_SERVER = 64 * 1024


def pre_request(_worker, req) -> None:
    """Announce "Connection: close" on every request whose body gunicorn might not
    be able to drain (declared over 64 KiB, or chunked with no declared length), so
    the answer tells the truth and the client opens a new connection."""
    headers = dict(req.headers)
    length = headers.get("CONTENT-LENGTH")
    if "TRANSFER-ENCODING" in headers or (
        length is not None and (not length.isdigit() or int(length) > DRAINED_BY_SERVER)
    ):
        req.must_close = True
