"""The command line builds only the named command's group of parsers: the same parser for that command as
among all of them, so what is accepted, refused and said about it does not change."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli import COMMAND_GROUPS, COMMANDS, build_parser, command_of

ROOT = Path(__file__).resolve().parents[2]


def choices(parser) -> set[str]:
    return set(next(a for a in parser._actions if a.dest == "command").choices)


def test_the_table_names_every_command_of_every_group():
    assert choices(build_parser()) == set(COMMANDS)
    for group in COMMAND_GROUPS:
        named = {command for command, owner in COMMANDS.items() if owner == group}
        assert named and all(choices(build_parser(command)) == named for command in named), group


LINES = [
    ["--db", "a.db", "score", "henan-2025", "2025-10", "--json"],
    ["--db=a.db", "payment", "henan-2025", "2"],
    ["--d", "a.db", "--key-file", __file__, "calendar", "list", "2025"],
    ["score", "henan-2025", "２０２５-１０"],
    ["score", "henan-2025"],                       # a period missing
    ["score", "henan-2025", "2025-13"],            # a month that does not exist
    ["payment", "henan-2025", "2", "--paid-on", "2025-02-30"],
    ["notice", "list", "--contract", "henan-2025", "--json"],
    ["staffing", "approve"],
    ["workorders", "show", "henan-2025", "2025-10", "--bogus"],
]


def outcome(parser, argv, capsys):
    try:
        result = vars(parser.parse_args(argv))
        result.pop("func", None)
        func = vars(parser.parse_args(argv)).get("func")
        code = (func.__module__, func.__name__) if func else None
    except SystemExit as exc:
        result, code = None, exc.code
    return result, code, capsys.readouterr()


@pytest.mark.parametrize("argv", LINES, ids=" ".join)
def test_a_command_line_reads_the_same_with_its_group_alone(argv, capsys):
    assert command_of(argv) == next(w for w in argv if w in COMMANDS)
    assert outcome(build_parser(command_of(argv)), argv, capsys) == outcome(build_parser(), argv, capsys)


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--h"], ["--", "score"], ["--bogus", "score"], ["scor"],
                                  ["--db"], [], ["--db", "a.db"]], ids=str)
def test_help_and_what_is_unclear_get_every_command(argv):
    assert command_of(argv) is None


def test_auditor_help_still_lists_every_command(tmp_path):
    out = subprocess.run([sys.executable, "-m", "auditor.cli", "--help"], capture_output=True, text=True,
                         cwd=ROOT, env=dict(os.environ), check=True).stdout
    assert all(command in out for command in COMMANDS)


def test_a_score_loads_no_other_group(tmp_path):
    script = ("import sys; from auditor.cli import main; main(sys.argv[1:]); "
              "print(sorted(m for m in sys.modules if m.startswith('auditor.cli.')))")
    out = subprocess.run([sys.executable, "-c", script, "--db", str(tmp_path / "a.db"), "score", "henan-2025",
                          "2025-10"], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ),
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "['auditor.cli.args', 'auditor.cli.files', 'auditor.cli.months']"
