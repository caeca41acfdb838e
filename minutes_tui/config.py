"""User settings: a small TOML file in the user's config folder.

The file is ``config.toml`` in the platform's config folder (e.g.
``~/.config/minutes/config.toml``), or wherever ``$MINUTES_CONFIG`` points. A missing
file means "all defaults". Known settings::

    [export]
    template = "~/Templates/council-minutes.dotx"   # house style for Word exports

A relative ``template`` is taken relative to the folder holding the config file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ENV_VAR = "MINUTES_CONFIG"


class ConfigError(Exception):
    """A settings file that cannot be used; ``str()`` names the file and the problem."""


def config_path() -> Path:
    """``$MINUTES_CONFIG`` if set, else ``config.toml`` in the user's config folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only for the default location

    return Path(platformdirs.user_config_dir("minutes", appauthor=False)) / "config.toml"


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The settings in ``path`` (default: :func:`config_path`); ``{}`` if there is no file.

    Raises :class:`ConfigError` for a file that cannot be read or is not valid TOML.
    """
    path = config_path() if path is None else Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"Cannot read the settings file {path}: {exc.strerror or exc}") from None
    import tomllib  # only when there is a file to read

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"The settings file {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The settings file {path} is not valid TOML: {exc}") from None


def export_template(path: Path | None = None) -> Path | None:
    """The Word template set as ``export.template``, or ``None`` if none is set.

    Raises :class:`ConfigError` if the file is bad or the setting is not a file name.
    """
    path = config_path() if path is None else Path(path)
    config = load_config(path)
    export = config.get("export", {})
    if not isinstance(export, dict):
        raise ConfigError(f"In {path}, [export] must be a table of settings")
    value = export.get("template")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ConfigError(f"In {path}, export.template must be a file name in quotes, not {value!r}")
    template = Path(value).expanduser()
    if not template.is_absolute():
        template = path.parent / template
    return template
