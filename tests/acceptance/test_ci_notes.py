"""`impactctl ci post-note`: the maturity diff as one note on a GitLab merge request or
one thread on an Azure DevOps pull request, against a small local server that plays each
API (create, then update in place; someone else's note left alone; 401; 403; a timeout;
a redirect; a fork; no token). Whatever happens the command exits 0 with one line, and
the token never appears in it."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from impactctl.cli import cli

TOKEN = "glpat-SECRET-never-print-me"
MARKER = "<!-- impactctl:diff -->"
BOT, PERSON = 77, 5


@dataclass
class Api:
    """The state of the pretend server and what it was asked."""

    status: int = 200  # forced answer for every call when not 200
    delay: float = 0.0
    redirect: bool = False
    page_size: int = 100
    notes: list[dict[str, Any]] = field(default_factory=list)
    threads: list[dict[str, Any]] = field(default_factory=list)
    calls: list[tuple[str, str, dict[str, str], Any]] = field(default_factory=list)


def handler(api: Api) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _answer(self, status: int, body: object, headers: dict[str, str] | None = None) -> None:
            raw = json.dumps(body).encode()
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            # The client may have given up first: the timeout tests want exactly that.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(raw)

        def _route(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length)) if length else None
            url = urlsplit(self.path)
            api.calls.append((self.command, url.path, dict(self.headers), payload))
            time.sleep(api.delay)
            if api.redirect:
                self.send_response(302)
                self.send_header("Location", "http://127.0.0.1:9/steal")
                self.end_headers()
                return
            if api.status != 200:
                self._answer(api.status, {"message": "no"})
                return
            self._answer(
                *self._gitlab(url, payload) if "/api/v4/" in url.path else self._azure(url, payload)
            )

        def _gitlab(self, url: Any, payload: Any) -> tuple[int, Any, dict[str, str]]:
            assert self.headers["PRIVATE-TOKEN"] == TOKEN
            if url.path == "/api/v4/user":
                return 200, {"id": BOT}, {}
            notes_path = "/api/v4/projects/42/merge_requests/7/notes"
            if self.command == "GET" and url.path == notes_path:
                page = int(parse_qs(url.query)["page"][0])
                chunk = api.notes[(page - 1) * api.page_size : page * api.page_size]
                more = page * api.page_size < len(api.notes)
                return 200, chunk, {"X-Next-Page": str(page + 1) if more else ""}
            if self.command == "POST" and url.path == notes_path:
                note = {"id": 1000 + len(api.notes), "body": payload["body"], "author": {"id": BOT}}
                api.notes.append(note)
                return 201, note, {}
            if self.command == "PUT" and url.path.startswith(notes_path + "/"):
                note_id = int(url.path.rsplit("/", 1)[1])
                note = next(n for n in api.notes if n["id"] == note_id)
                note["body"] = payload["body"]
                return 200, note, {}
            return 404, {"message": "404 Not Found"}, {}

        def _azure(self, url: Any, payload: Any) -> tuple[int, Any, dict[str, str]]:
            assert self.headers["Authorization"] == f"Bearer {TOKEN}"
            assert "api-version=7.1" in url.query or url.path.endswith("connectionData")
            if url.path == "/org/_apis/connectionData":
                return 200, {"authenticatedUser": {"id": "build-service"}}, {}
            threads = "/org/proj-id/_apis/git/repositories/repo-id/pullRequests/7/threads"
            if self.command == "GET" and url.path == threads:
                return 200, {"value": api.threads, "count": len(api.threads)}, {}
            if self.command == "POST" and url.path == threads:
                thread = {
                    "id": 500 + len(api.threads),
                    "status": payload["status"],
                    "comments": [
                        {"id": 1, "content": payload["comments"][0]["content"],
                         "author": {"id": "build-service"}}
                    ],
                }  # fmt: skip
                api.threads.append(thread)
                return 200, thread, {}
            if self.command == "PATCH" and url.path.startswith(threads + "/"):
                parts = url.path.split("/")
                thread = next(t for t in api.threads if t["id"] == int(parts[-3]))
                thread["comments"][0]["content"] = payload["content"]
                return 200, thread["comments"][0], {}
            return 404, {"message": "not found"}, {}

        do_GET = do_POST = do_PUT = do_PATCH = _route

    return Handler


@pytest.fixture
def api() -> Iterator[tuple[Api, str]]:
    state = Api()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(state))
    server.block_on_close = False  # a handler still sleeping for the timeout test
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def gitlab_env(url: str, **extra: str) -> dict[str, str]:
    return {
        "CI_API_V4_URL": f"{url}/api/v4",
        "CI_PROJECT_ID": "42",
        "CI_MERGE_REQUEST_IID": "7",
        "CI_MERGE_REQUEST_PROJECT_ID": "42",
        "CI_MERGE_REQUEST_SOURCE_PROJECT_ID": "42",
        "CI_COMMIT_SHA": "c0ffee" * 6 + "abcd",
        "IMPACTCTL_GITLAB_TOKEN": TOKEN,
        **extra,
    }


def azure_env(url: str, **extra: str) -> dict[str, str]:
    return {
        "SYSTEM_COLLECTIONURI": f"{url}/org/",
        "SYSTEM_TEAMPROJECTID": "proj-id",
        "BUILD_REPOSITORY_ID": "repo-id",
        "SYSTEM_PULLREQUEST_PULLREQUESTID": "7",
        "SYSTEM_PULLREQUEST_ISFORK": "False",
        "SYSTEM_PULLREQUEST_SOURCECOMMITID": "beef" * 10,
        "SYSTEM_ACCESSTOKEN": TOKEN,
        **extra,
    }


def post(tmp_path: Path, platform: str, env: dict[str, str], text: str, *extra: str) -> str:
    report = tmp_path / "diff.md"
    report.write_text(text, encoding="utf-8")
    # Start from an empty environment for the pipeline variables: only `env` is set.
    cleared = dict.fromkeys([*gitlab_env(""), *azure_env("")])
    result = CliRunner().invoke(
        cli,
        ["ci", "post-note", "--platform", platform, *extra, str(report)],
        env={**cleared, **env},
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 0, result.output
    assert TOKEN not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


# ------------------------------------------------------------------------------ GitLab


def test_gitlab_creates_the_note_then_updates_it_in_place(
    api: tuple[Api, str], tmp_path: Path
) -> None:
    state, url = api
    state.notes.append({"id": 1, "body": f"{MARKER}\nforged by someone", "author": {"id": PERSON}})
    first = post(tmp_path, "gitlab", gitlab_env(url), f"{MARKER}\n## Maturity changes\n1.1 up\n")
    assert first == "impactctl: posted the maturity-diff note on merge request !7"
    second = post(tmp_path, "gitlab", gitlab_env(url), "## Maturity changes\n1.1 up twice\n")
    assert second == "impactctl: updated the maturity-diff note on merge request !7"
    ours = [n for n in state.notes if n["author"]["id"] == BOT]
    assert len(ours) == 1
    body = ours[0]["body"]
    assert body.startswith(MARKER + "\n_impactctl ") and body.count(MARKER) == 1
    assert "this merge request's own pipeline at commit c0ffeec0ffee" in body.splitlines()[1]
    assert "1.1 up twice" in body
    assert state.notes[0]["body"] == f"{MARKER}\nforged by someone"  # not ours: untouched
    methods = [(m, p.rsplit("/", 1)[-1]) for m, p, _h, _b in state.calls]
    assert ("PUT", str(ours[0]["id"])) in methods


def test_gitlab_finds_its_note_on_a_later_page(api: tuple[Api, str], tmp_path: Path) -> None:
    state, url = api
    state.page_size = 2
    state.notes += [{"id": i, "body": "chat", "author": {"id": PERSON}} for i in range(1, 6)]
    state.notes.append({"id": 99, "body": f"{MARKER}\nold", "author": {"id": BOT}})
    line = post(tmp_path, "gitlab", gitlab_env(url), "new")
    assert line.startswith("impactctl: updated")
    assert state.notes[-1]["body"].endswith("\n\nnew\n") and len(state.notes) == 6


def test_the_report_cannot_mention_or_link_anyone(api: tuple[Api, str], tmp_path: Path) -> None:
    state, url = api
    text = "Thanks @board-chair, see #123, !45, GH-9, nhs/assessments#8 and &2\0"
    post(tmp_path, "gitlab", gitlab_env(url), text)
    body = state.notes[0]["body"]
    for inert in ("@\u200dboard-chair", "#\u200d123", "!\u200d45", "GH\u200d-9", "#\u200d8"):
        assert inert in body
    assert "\0" not in body


def test_gitlab_caps_a_huge_report(api: tuple[Api, str], tmp_path: Path) -> None:
    state, url = api
    post(tmp_path, "gitlab", gitlab_env(url), "| row |\n" * 100_000)
    body = state.notes[0]["body"]
    assert len(body) < 65_536 and "cut short" in body


@pytest.mark.parametrize(
    ("status", "words"),
    [(401, "answered 401"), (403, "Reporter role"), (404, "not found")],
)
def test_gitlab_refusals_are_one_line_and_exit_0(
    api: tuple[Api, str], tmp_path: Path, status: int, words: str
) -> None:
    state, url = api
    state.status = status
    line = post(tmp_path, "gitlab", gitlab_env(url), "x")
    assert line.startswith("impactctl: the maturity diff was not posted: GET /api/v4/user")
    assert words in line


def test_gitlab_timeout_is_one_line_and_exit_0(api: tuple[Api, str], tmp_path: Path) -> None:
    state, url = api
    state.delay = 1.5
    started = time.monotonic()
    line = post(tmp_path, "gitlab", gitlab_env(url), "x", "--timeout", "0.3")
    assert time.monotonic() - started < 1.4
    assert "did not answer within 0.3 s" in line


def test_a_redirect_is_not_followed_with_the_token(api: tuple[Api, str], tmp_path: Path) -> None:
    state, url = api
    state.redirect = True
    line = post(tmp_path, "gitlab", gitlab_env(url), "x")
    assert "answered 302" in line
    assert [p for _m, p, _h, _b in state.calls] == ["/api/v4/user"]


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"IMPACTCTL_GITLAB_TOKEN": ""}, "IMPACTCTL_GITLAB_TOKEN is not set"),
        ({"IMPACTCTL_GITLAB_TOKEN": "", "CI_MERGE_REQUEST_SOURCE_PROJECT_ID": "43"}, "fork"),
        ({"CI_MERGE_REQUEST_IID": ""}, "CI_MERGE_REQUEST_IID not set"),
    ],
)
def test_gitlab_without_a_token_or_merge_request_asks_nothing(
    api: tuple[Api, str], tmp_path: Path, env: dict[str, str], words: str
) -> None:
    state, url = api
    line = post(tmp_path, "gitlab", gitlab_env(url, **env), "x")
    assert line.startswith("impactctl: the maturity diff was not posted:") and words in line
    assert state.calls == []


def test_the_token_never_crosses_the_network_in_clear(tmp_path: Path) -> None:
    env = gitlab_env("http://gitlab.example.nhs.uk")
    line = post(tmp_path, "gitlab", env, "x")
    assert "not https" in line


# ------------------------------------------------------------------------ Azure DevOps


def test_azure_creates_the_thread_then_updates_it_in_place(
    api: tuple[Api, str], tmp_path: Path
) -> None:
    state, url = api
    first = post(tmp_path, "azure", azure_env(url), "## Maturity changes\none\n")
    assert first == "impactctl: posted the maturity-diff thread on pull request 7"
    second = post(tmp_path, "azure", azure_env(url), "## Maturity changes\ntwo\n")
    assert second == "impactctl: updated the maturity-diff thread on pull request 7"
    [thread] = state.threads
    assert thread["status"] == "closed"
    content = thread["comments"][0]["content"]
    assert content.startswith(MARKER + "\n") and content.rstrip().endswith("two")
    assert "pull request's own pipeline run at commit beefbeefbeef" in content


@pytest.mark.parametrize("status", [401, 403, 404])
def test_azure_refusals_are_one_line_and_exit_0(
    api: tuple[Api, str], tmp_path: Path, status: int
) -> None:
    state, url = api
    state.status = status
    line = post(tmp_path, "azure", azure_env(url), "x")
    assert f"answered {status}" in line
    if status == 403:
        assert "Contribute to pull requests" in line


def test_azure_timeout(api: tuple[Api, str], tmp_path: Path) -> None:
    state, url = api
    state.delay = 1.5
    assert "did not answer" in post(tmp_path, "azure", azure_env(url), "x", "--timeout", "0.3")


@pytest.mark.parametrize(
    ("env", "words"),
    [({"SYSTEM_PULLREQUEST_ISFORK": "True"}, "fork"), ({"SYSTEM_ACCESSTOKEN": ""}, "not set")],
)
def test_azure_fork_or_no_token_asks_nothing(
    api: tuple[Api, str], tmp_path: Path, env: dict[str, str], words: str
) -> None:
    state, url = api
    assert words in post(tmp_path, "azure", azure_env(url, **env), "x")
    assert state.calls == []


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ci", "post-note", "--platform", "gitlab", str(tmp_path / "nope.md")]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
