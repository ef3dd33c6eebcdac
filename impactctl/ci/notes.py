"""Post the maturity diff on a merge request (GitLab) or pull request (Azure DevOps) as
one note that each pipeline run updates in place.

Everything it needs comes from the pipeline's own variables, so it works on self-managed
GitLab (``CI_API_V4_URL``) and on any Azure DevOps organisation
(``System.CollectionUri``). Posting is a courtesy, never a check: a missing token, a
merge request from a fork, an API that refuses (401, 403, 404) or does not answer gives
an ``Outcome`` that says why, and the caller carries on; the token never appears in it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from impactctl.ci.http import ApiError, request
from impactctl.version import __version__

MARKER = "<!-- impactctl:diff -->"
# GitHub refuses comments over 65,536 characters; the same cap everywhere keeps the three
# platforms' comments alike (GitLab and Azure DevOps accept more).
LIMIT = 60_000
GITLAB_TOKEN = "IMPACTCTL_GITLAB_TOKEN"
MAX_PAGES = 100  # of 100 notes each: a merge request with more is not a review any more
AZURE_API = "api-version=7.1"
PLATFORMS = ("gitlab", "azure")


@dataclass(frozen=True)
class Outcome:
    posted: bool
    message: str


class Skip(Exception):
    """Nothing to post here (not a merge request, a fork, no token)."""


def defuse(text: str) -> str:
    """Stop the diff from notifying people or linking other work: the text comes from the
    merge request's own files. A zero-width joiner after ``@`` (mentions), ``#``, ``!`` and
    ``&`` before a number (issues, merge/pull requests, epics, work items) and in
    ``GH-123`` keeps it readable and inert; ``group/project#123`` is defused by its ``#``."""
    text = re.sub(r"@(?=[A-Za-z0-9_<])", "@\u200d", text)
    text = re.sub(r"([#!&])(?=\d)", "\\1\u200d", text)
    return re.sub(r"\bGH-(?=\d)", "GH\u200d-", text, flags=re.IGNORECASE)


def note_body(report: str, heading: str, more: str = "") -> str:
    """The marker, then our own first line, then the report as untrusted text."""
    text = defuse(report.replace("\0", "").replace(MARKER, "")).strip("\n")
    if len(text) > LIMIT:
        cut = text[:LIMIT].rsplit("\n", 1)[0]
        text = f"{cut}\n\n_The report was cut short here{more}._"
    return f"{MARKER}\n{heading}\n\n{text}\n"


def _need(env: Mapping[str, str], *names: str) -> list[str]:
    missing = [name for name in names if not env.get(name)]
    if missing:
        raise Skip(f"{', '.join(missing)} not set: not a pipeline for a merge or pull request")
    return [env[name] for name in names]


def _short(sha: str) -> str:
    return sha[:12] if re.fullmatch(r"[0-9a-fA-F]{7,64}", sha) else "(unknown)"


# ------------------------------------------------------------------------------ GitLab


def post_gitlab(env: Mapping[str, str], report: str, timeout: float) -> Outcome:
    api, project, iid = _need(env, "CI_API_V4_URL", "CI_PROJECT_ID", "CI_MERGE_REQUEST_IID")
    source = env.get("CI_MERGE_REQUEST_SOURCE_PROJECT_ID", project)
    if source != env.get("CI_MERGE_REQUEST_PROJECT_ID", project):
        raise Skip(
            "a merge request from a fork gets no token; the Code Quality report has the findings"
        )
    token = env.get(GITLAB_TOKEN, "")
    if not token:
        raise Skip(
            f"{GITLAB_TOKEN} is not set (a masked, protected CI/CD variable; see docs/ci.md)"
        )
    heading = (
        f"_impactctl {__version__}: maturity changes, from this merge request's own pipeline "
        f"at commit {_short(env.get('CI_COMMIT_SHA', ''))}._"
    )
    body = note_body(report, heading, more=": the full report is in the pipeline's job log")
    headers = {"PRIVATE-TOKEN": token}
    base = f"{api.rstrip('/')}/projects/{quote(project, safe='')}/merge_requests/{quote(iid)}"
    me = request("GET", f"{api.rstrip('/')}/user", headers, timeout=timeout).body["id"]
    page = "1"
    for _ in range(MAX_PAGES):  # a bound, whatever the server says about the next page
        answer = request(
            "GET", f"{base}/notes?sort=asc&order_by=created_at&per_page=100&page={page}",
            headers, timeout=timeout,
        )  # fmt: skip
        for note in answer.body or []:
            mine = (note.get("author") or {}).get("id") == me
            if mine and str(note.get("body", "")).startswith(MARKER):
                request("PUT", f"{base}/notes/{note['id']}", headers, {"body": body}, timeout)
                return Outcome(True, f"updated the maturity-diff note on merge request !{iid}")
        page = answer.headers.get("x-next-page", "")
        if not page.isdigit():
            break
    request("POST", f"{base}/notes", headers, {"body": body}, timeout)
    return Outcome(True, f"posted the maturity-diff note on merge request !{iid}")


# ------------------------------------------------------------------------ Azure DevOps


def post_azure(env: Mapping[str, str], report: str, timeout: float) -> Outcome:
    collection, project, repo, pr = _need(
        env,
        "SYSTEM_COLLECTIONURI",
        "SYSTEM_TEAMPROJECTID",
        "BUILD_REPOSITORY_ID",
        "SYSTEM_PULLREQUEST_PULLREQUESTID",
    )
    if env.get("SYSTEM_PULLREQUEST_ISFORK", "").lower() == "true":
        raise Skip("a pull request from a fork gets no token; the findings are on the run")
    token = env.get("SYSTEM_ACCESSTOKEN", "")
    if not token:
        raise Skip("SYSTEM_ACCESSTOKEN is not set: map it in the step's env (see docs/ci.md)")
    commit = env.get("SYSTEM_PULLREQUEST_SOURCECOMMITID") or env.get("BUILD_SOURCEVERSION", "")
    heading = (
        f"_impactctl {__version__}: maturity changes, from this pull request's own pipeline "
        f"run at commit {_short(commit)}._"
    )
    body = note_body(report, heading, more=": the full report is in the pipeline run's log")
    headers = {"Authorization": f"Bearer {token}"}
    root = collection.rstrip("/")
    me = request("GET", f"{root}/_apis/connectionData", headers, timeout=timeout).body
    me_id = (me.get("authenticatedUser") or {}).get("id")
    threads = (
        f"{root}/{quote(project, safe='')}/_apis/git/repositories/{quote(repo, safe='')}"
        f"/pullRequests/{quote(pr, safe='')}/threads"
    )
    found = request("GET", f"{threads}?{AZURE_API}", headers, timeout=timeout).body
    for thread in (found or {}).get("value", []):
        first = (thread.get("comments") or [{}])[0]
        mine = (first.get("author") or {}).get("id") == me_id
        if mine and str(first.get("content", "")).startswith(MARKER):
            url = f"{threads}/{thread['id']}/comments/{first['id']}?{AZURE_API}"
            request("PATCH", url, headers, {"content": body}, timeout)
            return Outcome(True, f"updated the maturity-diff thread on pull request {pr}")
    # Closed: the thread informs, it is not a task. An active one would block completion
    # under the "Check for comment resolution" branch policy.
    thread = {"comments": [{"parentCommentId": 0, "content": body, "commentType": "text"}]}
    request("POST", f"{threads}?{AZURE_API}", headers, {**thread, "status": "closed"}, timeout)
    return Outcome(True, f"posted the maturity-diff thread on pull request {pr}")


_POSTERS = {"gitlab": post_gitlab, "azure": post_azure}


def post_note(platform: str, report: str, env: Mapping[str, str], timeout: float = 10) -> Outcome:
    """Create or update the one maturity-diff note of this merge or pull request.

    Never raises for what a pipeline can meet (no token, a fork, 401/403/404, a timeout):
    the outcome says what happened, in one line without the token."""
    try:
        return _POSTERS[platform](env, report, timeout)
    except Skip as exc:
        return Outcome(False, f"the maturity diff was not posted: {exc}")
    except ApiError as exc:
        return Outcome(False, f"the maturity diff was not posted: {_explain(exc)}")
    except (KeyError, TypeError, AttributeError, IndexError) as exc:
        return Outcome(False, f"the maturity diff was not posted: unexpected answer ({exc!r:.80})")


def read_report(path: Path) -> str:
    """The report to post, read no further than a note can hold (a runaway file must not
    exhaust the runner's memory)."""
    with path.open("rb") as handle:
        return handle.read(4 * LIMIT).decode("utf-8", errors="replace")


def _explain(exc: ApiError) -> str:
    advice = {
        401: "the token was refused (expired or wrong)",
        403: "the token may not comment (GitLab: a project access token with the api scope "
        "and the Reporter role; Azure DevOps: the build service needs Contribute to pull "
        "requests)",
        404: "the project or merge request was not found, or the token cannot see it",
    }
    return f"{exc}; {advice[exc.status]}" if exc.status in advice else str(exc)
