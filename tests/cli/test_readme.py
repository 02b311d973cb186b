"""The README tells the truth: every `$ wbkg ...` example in a console block is run on a copy of the seed
corpus (the session's ``project``, never the user's grown corpus) and its output compared with what the README
shows. Durations (`1.23s`) and progress lines are not compared; `wbkg serve` runs until stopped and is covered
by tests/serve instead. `pytest --update-golden` rewrites the outputs. A block that starts with `wbkg ingest`
is one session: its commands run in order on a copy of their own, with the example text of docs/ingest/examples/."""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from wbkg.cli import main

pytestmark = pytest.mark.slow  # not in `make test-fast`

README = Path(__file__).resolve().parents[2] / "README.md"
DURATION = re.compile(r"\d+\.\d+s\b")


def examples() -> list[tuple[str, list[str], int | None]]:
    """(command, expected output, the number of the ingest session it belongs to, or None)."""
    out = []
    blocks = re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    for number, block in enumerate(blocks):
        lines = block.rstrip("\n").split("\n")
        session = number if lines and lines[0].startswith("$ wbkg ingest ") else None
        command, expected = None, []
        for line in lines:
            if line.startswith("$ ") and not line.startswith("$ wbkg "):  # curl and friends: not run here
                if command:
                    out.append((command, expected, session))
                command, expected = None, []
                continue
            if line.startswith("$ wbkg "):
                if command:
                    out.append((command, expected, session))
                command, expected = line[2:], []
            elif command:
                expected.append(line)
        if command:
            out.append((command, expected, session))
    return out


EXAMPLES = examples()
SESSIONS: dict[int, Path] = {}


#: a progress line (wbkg.progress), printed only when a stage takes over a second: a loaded machine, not the README
PROGRESS = re.compile(r"^[^:]+: \d+/\d+ \(\d+%\), N\.NNs elapsed")


def normalise(lines: list[str]) -> list[str]:
    out = [DURATION.sub("N.NNs", line.rstrip()) for line in lines]
    return [line for line in out if not PROGRESS.match(line)]


def test_progress_lines_are_left_out_of_the_comparison():
    """They appear only when a stage passes a second: on a busy machine (issue 13, item 17)."""
    busy = ["[wbkg] load: 0.12s", "grounding: 5/5 (100%), 1.3s elapsed", "[wbkg] grounding: 1.31s"]
    assert normalise(busy) == ["[wbkg] load: N.NNs", "[wbkg] grounding: N.NNs"]


def test_the_readme_has_an_example_of_every_command():
    shown = {shlex.split(command)[1] for command, _, _ in EXAMPLES if command.startswith("wbkg ")}
    # serve runs until stopped; publish needs a running store (its README examples are a `text` block, and
    # tests/store runs the same commands against a real Oxigraph server and Virtuoso)
    assert set(main.commands) - shown - {"serve", "publish"} == set()


@pytest.fixture(scope="module")
def workdir(copy_of_project, tmp_path_factory):
    return copy_of_project(tmp_path_factory.mktemp("readme") / "wbkg").root


@pytest.mark.parametrize("command, expected, session",
                         [e for e in EXAMPLES if e[0].split()[:2] != ["wbkg", "serve"]],
                         ids=[e[0] for e in EXAMPLES if e[0].split()[:2] != ["wbkg", "serve"]])
def test_readme_example_output(command, expected, session, workdir, monkeypatch, tmp_path, request,
                               copy_of_project, tmp_path_factory):
    monkeypatch.chdir(workdir)
    args = shlex.split(command)
    if session is not None:  # it grows the corpus: a copy of its own, with the example text of docs/ingest/
        if session not in SESSIONS:
            fresh = SESSIONS[session] = copy_of_project(tmp_path_factory.mktemp("ingest") / "wbkg").root
            shutil.copy(README.parent / "docs" / "ingest" / "examples" / args[2], fresh / args[2])
        monkeypatch.chdir(SESSIONS[session])
    assert args[0] == "wbkg"
    synth_dir = None
    if args[1] == "synth":
        synth_dir = args[args.index("-o") + 1]
        args[args.index("-o") + 1] = str(tmp_path / "synth")
    if args[1] == "export":
        (workdir / "build").mkdir(exist_ok=True)
    result = CliRunner().invoke(main, args[1:], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    actual = result.output.rstrip("\n").split("\n")
    if synth_dir:
        actual = [line.replace(str(tmp_path / "synth"), synth_dir) for line in actual]
    if request.config.getoption("--update-golden") and normalise(actual) != normalise(expected):
        text = README.read_text(encoding="utf-8")
        old = "\n".join([f"$ {command}", *expected]) + "\n"
        assert text.count(old) == 1, f"cannot find the README block of {command!r} to update"
        README.write_text(text.replace(old, "\n".join([f"$ {command}", *actual]) + "\n"), encoding="utf-8")
        return
    assert normalise(actual) == normalise(expected)
