"""`impactctl cycle new` keeps every comment and value, writes atomically, never overwrites."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from impactctl.cli import cli
from impactctl.reading.yaml import read_document
from tests.gitrepo import FRAMEWORK, ORGANISATION

ROOT = Path(__file__).resolve().parents[2]


def run(repo: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--repo", str(repo), *args])
    return result.exit_code, result.output


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def comments(text: str) -> list[str]:
    return [m.group(0).strip() for m in re.finditer(r"#[^\n\r]*", text)]


def expected_draft(data: dict, cycle: str) -> dict:
    out = dict(data, cycle=cycle, status="draft")
    if "assessed_on" in out:
        out["assessed_on"] = None
    out["participants"] = []
    out["ratings"] = {
        sid: {k: v for k, v in r.items() if k not in ("dissent", "perspectives")}
        for sid, r in data["ratings"].items()
    }
    return out


def test_cycle_new_on_the_example_keeps_comments_and_values(tmp_path: Path) -> None:
    repo = tmp_path / "example"
    shutil.copytree(ROOT / "framework", repo / "framework")
    shutil.copytree(ROOT / "assessments", repo / "assessments")
    for org in sorted(p.name for p in (repo / "assessments").iterdir()):
        folder = repo / "assessments" / org
        latest = sorted(p.stem for p in folder.glob("20*.yaml"))[-1]
        source = (folder / f"{latest}.yaml").read_text(encoding="utf-8")
        org_before = (folder / "organisation.yaml").read_text(encoding="utf-8")
        code, out = run(repo, "cycle", "new", org, "2026-27")
        assert code == 0, out
        new = (folder / "2026-27.yaml").read_text(encoding="utf-8")
        for comment in comments(source):
            assert comment in new
        old_data = read_document(source.encode(), "old").data
        assert read_document(new.encode(), "new").data == expected_draft(old_data, "2026-27")
        org_after = (folder / "organisation.yaml").read_text(encoding="utf-8")
        assert comments(org_after) == comments(org_before)
        assert "2026-27" in read_document(org_after.encode(), "o").data["cycles"]
    code, out = run(repo, "validate", "--format", "json")
    assert '"ok": true' in out, out


def test_cycle_new_refuses_to_overwrite_and_changes_nothing(tmp_path: Path) -> None:
    repo = tmp_path / "example"
    shutil.copytree(ROOT / "framework", repo / "framework")
    shutil.copytree(ROOT / "assessments", repo / "assessments")
    before = digest(repo)
    code, out = run(repo, "cycle", "new", "example-trust", "2025-26")
    assert code == 2 and "already exists" in out
    code, out = run(repo, "cycle", "new", "no-such-org", "2026-27")
    assert code == 2
    code, out = run(repo, "cycle", "new", "example-trust", "Next Year")
    assert code == 2
    code, out = run(repo, "cycle", "new", "example-trust", "2026-27", "--from", "1999-00")
    assert code == 2
    assert digest(repo) == before


def test_second_rewrite_is_byte_identical_but_for_the_cycle(tmp_path: Path) -> None:
    repo = tmp_path / "example"
    shutil.copytree(ROOT / "framework", repo / "framework")
    shutil.copytree(ROOT / "assessments", repo / "assessments")
    assert run(repo, "cycle", "new", "example-trust", "2026-27")[0] == 0
    assert run(repo, "cycle", "new", "example-trust", "2027-28")[0] == 0
    folder = repo / "assessments" / "example-trust"
    first = (folder / "2026-27.yaml").read_bytes()
    second = (folder / "2027-28.yaml").read_bytes()
    assert second == first.replace(b"cycle: 2026-27", b"cycle: 2027-28")


# --- property: generated files full of comments and odd formatting -----------------------

_words = (
    st.text(alphabet=st.sampled_from("abcdefghij klmnopqrstuvwxyz,.'()-"), min_size=1, max_size=40)
    .map(str.strip)
    .filter(lambda s: s and s[0].isalpha())
)
_comment = st.one_of(st.just(""), _words.map(lambda w: f"  # {w}"))


def _scalar(text: str, style: str) -> str:
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace('"', '\\"') + '"'
    reserved = text.lower() in ("true", "false", "null")  # YAML 1.2 reads these as non-text
    if re.fullmatch(r"[A-Za-z][A-Za-z ,.()-]*[A-Za-z.)]", text) and not reserved:
        return text
    return _scalar(text, "single")


@st.composite
def cycle_files(draw: st.DrawFn) -> tuple[bytes, str]:
    seq_indent = draw(st.sampled_from(["  ", ""]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.booleans())
    lines = [
        f"# {draw(_words)}",
        "framework: mini@1" + draw(_comment),
        "organisation: test-trust" + draw(_comment),
        "cycle: 2025-26",
        "assessed_on: 2025-03-10" + draw(_comment),
        "status: agreed" + draw(_comment),
        "participants:",
    ]
    for group in ("board", "staff", "lived-experience"):
        role = draw(_words).replace(",", "").replace("'", "").title() or "Role"
        lines.append(f"{seq_indent}- {{group: {group}, role: '{role}'}}" + draw(_comment))
    lines.append("ratings:" + draw(_comment))
    for sid in ("1.1", "1.2", "2.1"):
        style = draw(st.sampled_from(["plain", "single", "double"]))
        rationale = " ".join(draw(st.lists(_words, min_size=1, max_size=12)))
        lines += [
            f'  "{sid}":' + draw(_comment),
            f"    level: {draw(st.sampled_from(['starting', 'growing', 'strong']))}"
            + draw(_comment),
            f"    rationale: {_scalar(rationale, style)}" + draw(_comment),
        ]
        if draw(st.booleans()):
            lines.append(f"    dissent: {_scalar(draw(_words), style)}")
        if draw(st.booleans()):
            lines += [
                "    evidence:" + draw(_comment),
                f"    {seq_indent}- title: {_scalar(draw(_words), style)}" + draw(_comment),
                f"    {seq_indent}  url: 'https://example.org/{sid}'",
                f"    {seq_indent}  date: 2025-01-0{draw(st.integers(1, 9))}",
            ]
        if draw(st.booleans()):
            lines += ["    perspectives:", f"    {seq_indent}- {{group: staff, level: growing}}"]
        if draw(st.booleans()):
            lines.append(f"    # {draw(_words)}")
    text = newline.join(lines) + newline
    return ("\ufeff" if bom else "").encode() + text.encode(), newline


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cycle_files())
def test_cycle_new_keeps_every_comment_and_value(
    tmp_path: Path, generated: tuple[bytes, str]
) -> None:
    raw, newline = generated
    repo = tmp_path / f"r{hashlib.sha1(raw).hexdigest()[:12]}"
    shutil.rmtree(repo, ignore_errors=True)
    (repo / "framework/mini").mkdir(parents=True)
    (repo / "framework/mini/framework.yaml").write_text(FRAMEWORK)
    folder = repo / "assessments/test-trust"
    folder.mkdir(parents=True)
    (folder / "organisation.yaml").write_text(ORGANISATION)
    (folder / "2025-26.yaml").write_bytes(raw)
    code, out = run(repo, "cycle", "new", "test-trust", "2026-27")
    assert code == 0, out
    new = (folder / "2026-27.yaml").read_bytes()
    assert new.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
    assert (b"\r\n" in new) == (newline == "\r\n")
    old_text, new_text = raw.decode("utf-8-sig"), new.decode("utf-8-sig")
    kept = comments(new_text)
    # Comments on what a new cycle clears (participants, dissent, perspectives) go with it.
    dropped = ("dissent", "perspectives", "{group:")
    owner = ""
    for line in old_text.splitlines():
        content, _, comment = line.partition("#")
        if content.strip():
            owner = content.strip().lstrip("- ")
        if comment and not owner.startswith(dropped):
            assert (
                "#" + comment.rstrip() in [k.rstrip() for k in kept]
                or ("#" + comment).strip() in kept
            )
    old_data = read_document(raw, "old").data
    assert read_document(new, "new").data == expected_draft(old_data, "2026-27")
    assert (folder / "2025-26.yaml").read_bytes() == raw
