"""gunicorn's settings for `make serve`: every value can be changed from the environment.

It listens on the loopback address only: a reverse proxy (nginx, Apache, a load balancer) in
front terminates HTTPS and forwards to it. See docs/deployment.md.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two per core plus one is gunicorn's own advice for a synchronous Django application.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a large PDF report takes seconds
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that no slow leak grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Load Django once in the master and fork the workers from it, warmed (headway.core.warmup): a
# worker recycled after max_requests then starts at once, instead of spending seconds of CPU on
# its first request. A code change therefore needs a restart, not a HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() == "true"


def when_ready(server: object) -> None:
    """In the master, after the application is loaded and before the first worker is forked."""
    if preload_app:
        from headway.core.warmup import warm

        warm()


# Trust X-Forwarded-* only from the proxy on this machine.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# "-" is standard output; empty turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Who, what, status, size and time taken (microseconds), one line per request.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(a)s"'
proc_name = "headway"
