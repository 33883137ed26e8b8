"""Tested docs: every command and every option of the CLI is documented in the README."""

from __future__ import annotations

from pathlib import Path

import typer.main

from newsevents.cli import app

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> dict:
    group = typer.main.get_command(app)
    assert hasattr(group, "commands"), "the CLI is no longer a command group"
    return dict(group.commands)


def test_every_command_and_option_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for name, command in _commands().items():
        if f"newsevents {name}" not in readme:
            missing.append(f"command {name}")
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help" and opt not in readme:
                    missing.append(f"{name} {opt}")
    assert not missing, f"undocumented in README.md: {missing}"


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make demo" in first_block and "make test" in first_block
