"""Helpers shared by the tests: sample meetings, the CLI runner, Pilot and tmux drivers, mounts."""
