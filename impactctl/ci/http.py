"""A small JSON-over-HTTPS client on urllib (no HTTP dependency for one API call).

It never follows a redirect (urllib would send the token on to wherever it pointed), it
refuses plain http except to this machine (the token would cross the network in clear),
and every failure is one ``ApiError`` whose text never carries the token.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class ApiError(Exception):
    """The API could not be reached or refused the request. ``status`` is the HTTP status,
    or None for a timeout or a network failure."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises the 3xx as an HTTPError


_OPENER = urllib.request.build_opener(_NoRedirects)


@dataclass(frozen=True)
class Response:
    status: int
    body: Any
    headers: dict[str, str]


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK):
        return
    raise ApiError(f"refusing to send the token to {parts.scheme}://{parts.hostname}: not https")


def request(
    method: str, url: str, headers: dict[str, str], payload: object = None, timeout: float = 10
) -> Response:
    check_url(url)
    data = None if payload is None else json.dumps(payload).encode("utf-8")
    sent = {"Accept": "application/json", "User-Agent": "impactctl", **headers}
    if data is not None:
        sent["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, headers=sent, method=method)
    where = f"{method} {urlsplit(url).path}"
    try:
        with _OPENER.open(req, timeout=timeout) as answer:
            raw = answer.read(20_000_000)
            status = answer.status
            got = {k.lower(): v for k, v in answer.headers.items()}
    except urllib.error.HTTPError as exc:
        raise ApiError(f"{where} answered {exc.code} {exc.reason}", exc.code) from None
    except TimeoutError:
        raise ApiError(f"{where} did not answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise ApiError(f"{where} did not answer within {timeout:g} s") from None
        raise ApiError(f"{where} could not be reached ({reason})") from None
    except OSError as exc:
        raise ApiError(f"{where} failed ({type(exc).__name__})") from None
    try:
        body = json.loads(raw) if raw.strip() else None
    except ValueError:
        raise ApiError(f"{where} answered with something that is not JSON", status) from None
    return Response(status, body, got)
