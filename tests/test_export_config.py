"""The settings file: where it is, what it may say, and clear errors when it is wrong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from minutes_tui.config import ConfigError, config_path, export_template, load_config


def write(text: str | bytes) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def test_tests_never_see_the_real_settings(tmp_path):
    assert config_path() == tmp_path / "config" / "config.toml"


def test_default_location_is_the_user_config_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("MINUTES_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdgc"))
    assert config_path() == tmp_path / "xdgc" / "minutes" / "config.toml"


def test_no_file_means_defaults():
    assert load_config() == {}
    assert export_template() is None


def test_template_paths():
    write('[export]\ntemplate = "house.dotx"\n')
    assert export_template() == config_path().parent / "house.dotx"
    write('[export]\ntemplate = "~/house.dotx"\n')
    assert export_template() == Path(os.path.expanduser("~/house.dotx"))
    write('[export]\ntemplate = ""\n')
    assert export_template() is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[export\n", "is not valid TOML"),
        (b"\xff\xfe", "is not UTF-8 text"),
        ("[export]\ntemplate = 3\n", "export.template must be a file name in quotes"),
        ("export = 3\n", r"\[export\] must be a table"),
    ],
)
def test_bad_settings_are_named(text, message):
    path = write(text)
    with pytest.raises(ConfigError, match=message) as info:
        export_template()
    assert str(path) in str(info.value)


def test_an_unreadable_settings_file(monkeypatch):
    path = write("")
    path.unlink()
    path.mkdir()  # a folder where the file should be
    with pytest.raises(ConfigError, match="Cannot read the settings file"):
        load_config()
