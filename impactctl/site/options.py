"""What the site may publish, and where links into the repository go.

Results belong to the organisation (SPEC section 6). Each organisation is published at one
of three levels, set in ``mkdocs.yml`` under the impactctl plugin:

* ``full``   everything: levels, trends, actions, rationale, evidence, dissent and notes;
* ``levels`` levels, trends and actions only: no rationale, dissent, evidence or the notes
  behind each group's view (the default, so a public site never leaks the debate);
* ``none``   not published at all: not in the overview, the navigation, the search index
  or any chart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit


class Publish(StrEnum):
    FULL = "full"
    LEVELS = "levels"
    NONE = "none"

    @property
    def shows_reasons(self) -> bool:
        """Rationale, dissent, evidence and perspective notes."""
        return self is Publish.FULL


PUBLISH_CHOICES = tuple(p.value for p in Publish)


class OptionsProblem(ValueError):
    """A plugin option that makes no sense; the message says which and why."""


def _publish(value: Any, where: str) -> Publish:
    try:
        return Publish(value)
    except ValueError:
        raise OptionsProblem(
            f"{where}: {value!r} is not a publishing level; use one of {', '.join(PUBLISH_CHOICES)}"
        ) from None


@dataclass(frozen=True)
class SiteOptions:
    """Typed publishing options; ``from_mapping`` checks what ``mkdocs.yml`` says."""

    publish: Publish = Publish.LEVELS
    organisations: Mapping[str, Publish] = field(default_factory=dict)
    repo_url: str | None = None  # e.g. https://github.com/example/assessments
    branch: str = "HEAD"  # the branch that file links point at
    directory_urls: bool = True  # MkDocs' use_directory_urls

    @classmethod
    def from_mapping(
        cls, raw: Mapping[str, Any], *, repo_url: str | None = None, directory_urls: bool = True
    ) -> SiteOptions:
        publish = _publish(raw.get("publish", Publish.LEVELS.value), "publish")
        orgs_raw = raw.get("organisations") or {}
        if not isinstance(orgs_raw, Mapping):
            raise OptionsProblem(
                "organisations: expected a mapping of organisation id to "
                f"{' | '.join(PUBLISH_CHOICES)}"
            )
        orgs = {str(k): _publish(v, f"organisations.{k}") for k, v in orgs_raw.items()}
        if repo_url is not None and urlsplit(repo_url).scheme not in ("https", "http"):
            raise OptionsProblem(f"repo_url: {repo_url!r} is not an http(s) address")
        branch = str(raw.get("branch") or "HEAD")
        return cls(
            publish, orgs, repo_url.rstrip("/") if repo_url else None, branch, directory_urls
        )

    def publish_for(self, organisation: str) -> Publish:
        return self.organisations.get(organisation, self.publish)

    # Links into the hosting service. GitHub's shapes unless the host looks like GitLab.
    @property
    def _gitlab(self) -> bool:
        return self.repo_url is not None and "gitlab" in (urlsplit(self.repo_url).hostname or "")

    def file_url(self, path: str) -> str | None:
        if self.repo_url is None:
            return None
        middle = "/-/blob/" if self._gitlab else "/blob/"
        return f"{self.repo_url}{middle}{self.branch}/{path}"

    def commit_url(self, sha: str) -> str | None:
        if self.repo_url is None:
            return None
        return f"{self.repo_url}{'/-/commit/' if self._gitlab else '/commit/'}{sha}"

    def pr_url(self, number: int) -> str | None:
        if self.repo_url is None:
            return None
        return f"{self.repo_url}{'/-/merge_requests/' if self._gitlab else '/pull/'}{number}"
