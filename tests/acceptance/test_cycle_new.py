"""`impactctl cycle new` keeps every comment and value, writes atomically, never overwrites."""

from __future__ import annotations

import hashlib
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
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


# --- property: never lose a comment, wherever it is ---------------------------------------

_words = (
    st.text(alphabet=st.sampled_from("abcdefghij klmnopqrstuvwxyz,.'()-"), min_size=1, max_size=40)
    .map(str.strip)
    .filter(lambda s: s and s[0].isalpha())
)


def _scalar(text: str, style: str) -> str:
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace('"', '\\"') + '"'
    reserved = text.lower() in ("true", "false", "null")  # YAML 1.2 reads these as non-text
    if re.fullmatch(r"[A-Za-z][A-Za-z ,.()-]*[A-Za-z.)]", text) and not reserved:
        return text
    return _scalar(text, "single")


_MARK = re.compile(r"# c\d+\b[^\n\r]*")


def marks(text: str) -> list[str]:
    """The generated comments, in order: each is `# c<n> words`, and no value holds one."""
    return [m.group(0).rstrip() for m in _MARK.finditer(text)]


class _Comments:
    """Draws comments, each numbered so that it can be found again."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.count = 0

    def text(self) -> str:
        self.count += 1
        return f"# c{self.count} {self.draw(_words)}"

    def eol(self) -> str:
        return f"  {self.text()}" if self.draw(st.booleans()) else ""

    def lines(self, indent: int = 0) -> list[str]:
        pad = " " * self.draw(st.sampled_from([0, indent, indent + 2]))
        return [pad + self.text() for _ in range(self.draw(st.integers(0, 2)))]


def _participants(draw: st.DrawFn, c: _Comments, seq: str) -> list[str]:
    groups = ("board", "staff", "lived-experience")
    roles = [draw(_words).replace(",", "").replace("'", "").title() or "Role" for _ in groups]
    if draw(st.booleans()):  # flow style, comments only after it
        items = ", ".join(
            f"{{group: {g}, role: '{r}'}}" for g, r in zip(groups, roles, strict=True)
        )
        return [f"participants: [{items}]" + c.eol()]
    lines = ["participants:" + c.eol(), *c.lines(2)]
    for group, role in zip(groups, roles, strict=True):
        if draw(st.booleans()):
            lines.append(f"{seq}- {{group: {group}, role: '{role}'}}" + c.eol())
        else:
            lines += [f"{seq}- group: {group}" + c.eol(), f"{seq}  role: '{role}'" + c.eol()]
        lines += c.lines(2)
    return lines


def _flow_rating(draw: st.DrawFn, c: _Comments, sid: str, level: str, rationale: str) -> list[str]:
    fields = [f"level: {level}", f"rationale: {_scalar(rationale, 'single')}"]
    if draw(st.booleans()):
        fields.append(f"dissent: {_scalar(draw(_words), 'double')}")
    if draw(st.booleans()):
        fields.append("perspectives: [{group: staff, level: growing}]")
    order = draw(st.permutations(fields))
    if draw(st.booleans()):  # one line, comment after the closing brace
        return [f'  "{sid}": {{{", ".join(order)}}}' + c.eol()]
    lines = [f'  "{sid}": {{{order[0]},' + c.eol()]
    for i, item in enumerate(order[1:], start=1):
        lines += c.lines(4)
        lines.append(f"    {item}{'}' if i == len(order) - 1 else ','}" + c.eol())
    return lines


def _block_rating(
    draw: st.DrawFn, c: _Comments, sid: str, level: str, rationale: str, seq: str
) -> list[str]:
    style = draw(st.sampled_from(["plain", "single", "double", "folded"]))
    if style == "folded":
        said = [f"    rationale: >-{c.eol()}", f"      {rationale}", "      # c0 is text here"]
    else:
        said = [f"    rationale: {_scalar(rationale, style)}" + c.eol()]
    fields = [[f"    level: {level}" + c.eol()], said]
    if draw(st.booleans()):
        fields.append([f"    dissent: {_scalar(draw(_words), style)}" + c.eol()])
    if draw(st.booleans()):
        if draw(st.booleans()):
            fields.append(["    perspectives: [{group: staff, level: growing}]" + c.eol()])
        else:
            fields.append(
                ["    perspectives:" + c.eol(), *c.lines(4)]
                + [
                    f"    {seq}- {{group: {g}, level: growing}}" + c.eol()
                    for g in ("staff", "board")
                ]
            )
    if draw(st.booleans()):
        fields.append(
            [
                "    evidence:" + c.eol(),
                f"    {seq}- {{title: {_scalar(draw(_words) + ' #1', 'single')},"
                f" url: 'https://example.org/{sid}',"
                f" date: 2025-01-0{draw(st.integers(1, 9))}}}" + c.eol(),
            ]
        )
    lines = [f'  "{sid}":' + c.eol()]
    for group in draw(st.permutations(fields)):
        lines += c.lines(4) + group
    return lines


@st.composite
def cycle_files(draw: st.DrawFn) -> tuple[bytes, str]:
    """A valid cycle with comments wherever YAML allows them: on every line, on lines of
    their own at any indentation, inside flow mappings, in a folded scalar's header."""
    c = _Comments(draw)
    seq = draw(st.sampled_from(["  ", ""]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.booleans())
    lines = [
        *c.lines(),
        "framework: mini@1" + c.eol(),
        "organisation: test-trust" + c.eol(),
        *c.lines(),
        "cycle: 2025-26" + c.eol(),
        "assessed_on: 2025-03-10" + c.eol(),
        "status: agreed" + c.eol(),
        *c.lines(),
        *_participants(draw, c, seq),
        *c.lines(),
        "ratings:" + c.eol(),
        *c.lines(2),
    ]
    for sid in ("1.1", "1.2", "2.1"):
        level = draw(st.sampled_from(["starting", "growing", "strong"]))
        rationale = " ".join(draw(st.lists(_words, min_size=1, max_size=12)))
        if draw(st.booleans()):
            lines += _flow_rating(draw, c, sid, level, rationale)
        else:
            lines += _block_rating(draw, c, sid, level, rationale, seq)
        lines += c.lines(2)
    text = newline.join(lines) + newline
    return ("\ufeff" if bom else "").encode() + text.encode(), newline


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cycle_files())
def test_cycle_new_keeps_every_comment_and_value(
    tmp_path: Path, generated: tuple[bytes, str]
) -> None:
    """The contract: never lose a comment. Every comment of the source is in the draft, in
    the same order; the data is the source's, with the conversation cleared."""
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
    assert marks(new_text) == marks(old_text)
    old_data = read_document(raw, "old").data
    assert read_document(new, "new").data == expected_draft(old_data, "2026-27")
    assert (folder / "2025-26.yaml").read_bytes() == raw


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        (  # a comment between participants and ratings was lost
            "participants:\n  - {group: board, role: Chair}\n# agreed at the board\nratings:\n",
            "participants: []\n# agreed at the board\nratings:\n",
        ),
        (  # a comment after a flow mapping, before a cleared field, went inside the braces
            "    evidence:\n      - {title: a, url: 'https://x', date: 2025-01-01}\n"
            "    dissent: y\n    # after dissent\n",
            "    evidence:\n      - {title: a, url: 'https://x', date: 2025-01-01}\n"
            "    # after dissent\n",
        ),
    ],
)
def test_the_two_comments_the_hostile_run_saw_lost(tmp_path: Path, source: str, kept: str) -> None:
    text = (
        "framework: mini@1\norganisation: test-trust\ncycle: 2025-26\nstatus: agreed\n"
        "assessed_on: 2025-03-10\n"
    )
    if source.startswith("participants"):
        text += source + '  "1.1": {level: starting, rationale: x}\n'
    else:
        text += "participants: []\nratings:\n" + '  "1.1":\n    level: starting\n'
        text += "    rationale: x\n" + source
    text += '  "1.2": {level: starting, rationale: x}\n  "2.1": {level: starting, rationale: x}\n'
    repo = tmp_path / "repo"
    (repo / "framework/mini").mkdir(parents=True)
    (repo / "framework/mini/framework.yaml").write_text(FRAMEWORK)
    folder = repo / "assessments/test-trust"
    folder.mkdir(parents=True)
    (folder / "organisation.yaml").write_text(ORGANISATION)
    (folder / "2025-26.yaml").write_text(text)
    code, out = run(repo, "cycle", "new", "test-trust", "2026-27")
    assert code == 0, out
    assert kept in (folder / "2026-27.yaml").read_text()


# --- two files, one change: a stopped run is finished by the next -------------------------

CONSOLE = Path(sys.executable).parent / "impactctl"


def _example(tmp_path: Path, name: str) -> Path:
    repo = tmp_path / name
    shutil.copytree(ROOT / "framework", repo / "framework")
    shutil.copytree(ROOT / "assessments", repo / "assessments")
    return repo


def _finished(repo: Path, reference: Path) -> None:
    """The state one uninterrupted run leaves: both files, listed once, nothing else."""
    folder, done = repo / "assessments/example-trust", reference / "assessments/example-trust"
    assert digest(folder) == digest(done)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in done.iterdir())
    assert '"ok": true' in run(repo, "validate", "--format", "json")[1]


def test_a_run_stopped_between_its_two_writes_is_finished_by_the_next(tmp_path: Path) -> None:
    """The half-done state, made on disk: the cycle listed without its file (the list is
    written first), and the temporary files a killed write leaves. Before, the cycle file
    was written first: stopped there, it was unlisted (E211) and a re-run refused."""
    reference = _example(tmp_path, "reference")
    assert run(reference, "cycle", "new", "example-trust", "2026-27")[0] == 0
    repo = _example(tmp_path, "repo")
    folder = repo / "assessments/example-trust"
    shutil.copyfile(
        reference / "assessments/example-trust/organisation.yaml", folder / "organisation.yaml"
    )
    (folder / ".2026-27.yaml.k2j4h1.tmp").write_text("framework: nhs-imp")
    (folder / ".organisation.yaml.x9c3d0.tmp").write_text("id: example-tr")
    code, out = run(repo, "validate", "--format", "json")
    assert code == 1 and "E211" in out and "2026-27" in out  # listed, no file
    code, out = run(repo, "cycle", "new", "example-trust", "2026-27")
    assert code == 0, out
    _finished(repo, reference)


def test_a_run_killed_at_any_moment_is_finished_by_the_next(tmp_path: Path) -> None:
    """Real processes, killed with SIGKILL at moments spread over a whole run; whatever
    state each kill leaves, running the command again ends in the finished state."""
    reference = _example(tmp_path, "reference")
    assert run(reference, "cycle", "new", "example-trust", "2026-27")[0] == 0
    argv = [str(CONSOLE), "cycle", "new", "example-trust", "2026-27"]
    started = time.perf_counter()
    subprocess.run(argv, cwd=_example(tmp_path, "timed"), check=True, capture_output=True)
    whole = time.perf_counter() - started
    for step in range(6):
        repo = _example(tmp_path, f"kill-{step}")
        process = subprocess.Popen(
            argv, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(whole * (0.4 + step / 8))
        process.send_signal(signal.SIGKILL)
        process.wait()
        again = subprocess.run(argv, cwd=repo, capture_output=True, text=True, check=False)
        assert again.returncode == 0 or "already exists" in again.stderr, again.stderr
        _finished(repo, reference)


@pytest.mark.parametrize(
    ("listed", "after"),
    [
        ("cycles: [2025-26]  # oldest first\n", "cycles: [2025-26, 2026-27]  # oldest first\n"),
        ('cycles: ["2025-26"]\n', 'cycles: ["2025-26", "2026-27"]\n'),
        (
            "cycles:  # oldest first\n  - 2025-26  # the first\n# the end\n",
            "cycles:  # oldest first\n  - 2025-26  # the first\n  - 2026-27\n# the end\n",
        ),
        ("cycles:\n- '2025-26'\n", "cycles:\n- '2025-26'\n- '2026-27'\n"),
    ],
)
def test_the_cycle_list_grows_like_its_last_item_and_keeps_its_comments(
    tmp_path: Path, listed: str, after: str
) -> None:
    repo = tmp_path / "repo"
    (repo / "framework/mini").mkdir(parents=True)
    (repo / "framework/mini/framework.yaml").write_text(FRAMEWORK)
    folder = repo / "assessments/test-trust"
    folder.mkdir(parents=True)
    (folder / "organisation.yaml").write_text(ORGANISATION + listed)
    source = ROOT / "tests/data/good/minimal-repo/assessments/test-trust/2025-26.yaml"
    text = source.read_text().replace("test-framework@1", "mini@1")
    (folder / "2025-26.yaml").write_text(text)
    code, out = run(repo, "cycle", "new", "test-trust", "2026-27", "--from", "2025-26")
    assert code == 0, out
    assert (folder / "organisation.yaml").read_text() == ORGANISATION + after
