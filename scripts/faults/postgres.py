"""PostgreSQL for the fault tests: a fresh database on the test server (created with psql,
dropped after), and a throwaway cluster of the fault tests' own, which they may stop and
start under load without disturbing anything else that uses the shared one."""

import glob
import os
import shutil
import subprocess
import tempfile
import urllib.parse


def with_database(url, name):
    """`url` with its database replaced by `name`."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def psql(url, sql):
    subprocess.run(["psql", url, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql],
                   check=True, capture_output=True, text=True, timeout=60)


class Database:
    """A database of its own on the server of `admin_url` for one case."""

    def __init__(self, admin_url, name):
        self.admin_url = admin_url
        self.name = name
        self.url = with_database(admin_url, name)

    def __enter__(self):
        psql(self.admin_url, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        psql(self.admin_url, f"CREATE DATABASE {self.name}")
        return self

    def __exit__(self, *_):
        try:
            psql(self.admin_url, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        except (subprocess.SubprocessError, OSError) as error:
            print(f"   (database {self.name} was not dropped: {error})")


def binaries():
    """The folder of Debian's PostgreSQL server programs (the newest installed), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda path: [int(p) if p.isdigit() else 0 for p in path.split("/")])
    if found:
        return os.path.dirname(found[-1])
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl and shutil.which("initdb"):
        return os.path.dirname(pg_ctl)
    return None


class Cluster:
    """A PostgreSQL cluster in a temporary folder, listening on 127.0.0.1:`port` only,
    run as the `postgres` account when the tests run as root (PostgreSQL refuses root)."""

    def __init__(self, bindir, port):
        self.bindir = bindir
        self.port = port
        self.home = tempfile.mkdtemp(prefix="smart-mahalla-faults-pg-")
        self.data = os.path.join(self.home, "data")
        self.log = os.path.join(self.home, "postgres.log")
        self.url = f"postgres://faults@127.0.0.1:{port}/postgres"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.home, "postgres", "postgres")

    def _run(self, *command):
        command = [os.path.join(self.bindir, command[0]), *command[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=60)

    def init(self):
        self._run("initdb", "-D", self.data, "-U", "faults", "--auth=trust", "-E", "UTF8",
                  "--no-sync")
        return self

    def start(self):
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   f"-c unix_socket_directories={self.home}")
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "30", "-o", options,
                  "start")

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "30", "stop")

    def destroy(self):
        try:
            self.stop("immediate")
        except (subprocess.SubprocessError, OSError):
            pass
        shutil.rmtree(self.home, ignore_errors=True)
