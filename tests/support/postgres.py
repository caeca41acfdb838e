"""A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, a server
listening only on a unix socket in that folder, stopped at the end of the session.

Run as root (CI containers), the server runs as an unprivileged user (``postgres`` if the
system has one, else ``nobody``) through ``setpriv``. Each test gets a fresh database copied
from a template that holds the current schema, so no test sees another's rows.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

#: Where Debian puts the server binaries (``postgresql-NN``); the newest is used.
BIN_GLOB = "/usr/lib/postgresql/*/bin"
TEMPLATE = "minutes_template"


def server_bin() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None if no server is installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    folders = sorted(
        glob.glob(BIN_GLOB), key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0
    )
    return Path(folders[-1]) if folders else None


def _server_user() -> pwd.struct_passwd | None:
    """The user the server runs as when we are root (PostgreSQL refuses to run as root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("Running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as")


class Cluster:
    """One PostgreSQL server in ``folder``, reached through its socket there."""

    def __init__(self, folder: Path, *, durable: bool = False) -> None:
        self.folder = folder
        #: Whether commits reach the disk before they are acknowledged, as on a real server
        #: (the tests' clusters turn fsync and synchronous_commit off for speed).
        self.durable = durable
        self.data = folder / "data"
        self.socket = folder / "socket"
        self.user = _server_user()
        self.bin = server_bin()
        self._names = itertools.count(1)
        if self.bin is None:
            raise RuntimeError("PostgreSQL's server (initdb, pg_ctl) is not installed")

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            command = [
                "setpriv",
                f"--reuid={self.user.pw_uid}",
                f"--regid={self.user.pw_gid}",
                "--clear-groups",
                *command,
            ]
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        return subprocess.run(command, capture_output=True, text=True, check=True, env=env, cwd=self.folder)

    def start(self) -> None:
        self.socket.mkdir(parents=True)
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
            os.chown(self.socket, self.user.pw_uid, self.user.pw_gid)
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "-N"
        )
        self.start_again()

    def start_again(self) -> None:
        """Start the (stopped) server."""
        options = f"-c listen_addresses='' -c unix_socket_directories='{self.socket}' -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: clients are cut off, committed data kept)."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        """A libpq URL for ``database`` on this server (as the ``postgres`` superuser)."""
        return f"postgresql://postgres@/{database}?host={self.socket}"

    def admin(self, sql: str) -> None:
        """Run ``sql`` as the superuser outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def prepare_template(self) -> None:
        """A database holding the current schema, copied for each test (fast)."""
        from minutes_tui.store import Store

        self.admin(f"CREATE DATABASE {TEMPLATE}")
        Store.open(self.url(TEMPLATE)).close()

    def new_database(self) -> str:
        """The URL of a fresh database with the current schema."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.split("/")[-1].split("?")[0]
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def start_cluster(*, durable: bool = False) -> Cluster:
    """Start a cluster in a new temporary folder (the caller stops it); see :attr:`Cluster.durable`."""
    folder = Path(tempfile.mkdtemp(prefix="minutes-pg-"))
    cluster = Cluster(folder, durable=durable)
    began = time.monotonic()
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        log = folder / "server.log"
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"Could not start PostgreSQL: {exc.stderr or exc}\n{detail}") from exc
    cluster.started_in = time.monotonic() - began  # type: ignore[attr-defined]
    return cluster


def remove_cluster(cluster: Cluster) -> None:
    """Stop the server and delete its folder (in the background: a busy disk may take a while,
    and the last test's timeout would count it)."""
    try:
        cluster.stop("immediate")
    finally:
        subprocess.Popen(["rm", "-rf", str(cluster.folder)], start_new_session=True)
