"""The release server as the fault tests run it -- started on a database, killed, stopped,
restarted on the same one -- and what its admin commands say about the stored appeals,
compared with the numbers the clients were given."""

import os
import re
import signal
import socket
import subprocess
import time

from client import request

# Submission limits raised out of the way of a storm of one citizen.
LIMITS = [
    "--appeals-per-account-per-day", "100000000",
    "--appeals-per-address-per-hour", "100000000",
    "--registrations-per-address-per-hour", "100000000",
]


# Colour codes of the log, and its `name=number` fields.
ANSI = re.compile(r"\x1b\[[0-9;]*m")
FIELD = re.compile(r"\b(\w+)=(\d+)\b")


class Failure(Exception):
    """A case cannot go on (the server did not start, a command failed)."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`smart-mahalla serve` on SQLite in `home`/data, or on `database_url`."""

    def __init__(self, binary, home, database_url=None):
        self.binary = binary
        self.data_dir = os.path.join(home, "data")
        self.database_url = database_url
        self.log_path = os.path.join(home, "server.log")
        self.process = None
        self.port = None

    def database_args(self):
        args = ["--data-dir", self.data_dir]
        if self.database_url:
            args += ["--database-url", self.database_url]
        return args

    @staticmethod
    def env(**extra):
        env = {k: v for k, v in os.environ.items()
               if k != "DATABASE_URL" and not k.startswith("SMART_MAHALLA_")}
        env["RUST_LOG"] = "info,sqlx=warn,tower_http=warn"
        env.update(extra)
        return env

    def start(self, timeout=60):
        """Starts the server on a free port and waits until its health check answers."""
        self.port = free_port()
        with open(self.log_path, "a") as log:
            log.write(f"\n--- serve on port {self.port}\n")
            log.flush()
            self.process = subprocess.Popen(
                [self.binary, "serve", "--addr", f"127.0.0.1:{self.port}",
                 *self.database_args(), *LIMITS],
                stdout=log, stderr=subprocess.STDOUT, env=self.env())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Failure(f"the server exited with {self.process.returncode} at start:\n"
                              f"{self.tail()}")
            if request(self.port, "GET", "/healthz", timeout=2).status == 200:
                return self
            time.sleep(0.1)
        self.kill()
        raise Failure(f"the server did not answer its health check within {timeout} s:\n"
                      f"{self.tail()}")

    def kill(self):
        """kill -9, and waits for it to be gone."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def terminate(self):
        self.process.send_signal(signal.SIGTERM)

    def wait(self, timeout):
        """The exit code, or None when it is still running after `timeout` seconds."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, timeout=30):
        """SIGTERM; answers the exit code (None: it hung and was killed)."""
        self.terminate()
        code = self.wait(timeout)
        if code is None:
            self.kill()
        return code

    def admin(self, *command, env=None):
        return subprocess.run(
            [self.binary, "admin", *command, *self.database_args()],
            capture_output=True, text=True, timeout=120, env=env or self.env())

    def stop_report(self):
        """The figures of the listener's last `stopped listening` log line: connections
        waiting at the stop, served, closed without a request, failed (None: no such line)."""
        try:
            with open(self.log_path, errors="replace") as log:
                lines = [ANSI.sub("", line) for line in log if "stopped listening" in line]
        except OSError:
            return None
        if not lines:
            return None
        return {key: int(value) for key, value in FIELD.findall(lines[-1])}

    def tail(self, lines=12):
        try:
            with open(self.log_path, errors="replace") as log:
                return "".join(log.readlines()[-lines:]).rstrip()
        except OSError:
            return "(no log)"


def counts_of(report):
    """The `label: number` lines of `admin check-appeals`."""
    counts = {}
    for line in report.splitlines():
        label, _, value = line.rpartition(": ")
        if label and value.lstrip("-").isdigit():
            counts[label] = int(value)
    return counts


class Stored:
    """What the database holds after a fault, against the numbers clients were given."""

    def __init__(self, server, acknowledged):
        checked = server.admin("check-appeals")
        listed = server.admin("list-numbers")
        if listed.returncode != 0:
            raise Failure(f"admin list-numbers failed: {listed.stderr.strip()}")
        self.check_passed = checked.returncode == 0
        self.check_error = checked.stderr.strip()
        self.counts = counts_of(checked.stdout)
        numbers = listed.stdout.split()
        self.stored = set(numbers)
        self.listed_twice = len(numbers) - len(self.stored)
        given = list(acknowledged)
        self.acknowledged = set(given)
        self.given_twice = len(given) - len(self.acknowledged)
        self.missing = sorted(self.acknowledged - self.stored)
        self.unacknowledged = len(self.stored - self.acknowledged)

    def problems(self):
        """What is wrong: acknowledged numbers missing, numbers given twice, half-written
        appeals, numbers skipped."""
        found = []
        if self.missing:
            found.append(f"{len(self.missing)} acknowledged number(s) missing after restart: "
                         f"{', '.join(self.missing[:5])}")
        if self.given_twice:
            found.append(f"{self.given_twice} number(s) given to two requests")
        if self.listed_twice:
            found.append(f"{self.listed_twice} number(s) stored twice")
        if not self.check_passed:
            found.append(f"admin check-appeals: {self.check_error}")
        if self.counts.get("problems", 1) != 0:
            bad = {k: v for k, v in self.counts.items()
                   if v and k not in ("appeals", "history events", "appeal_filed audit entries")}
            found.append(f"half-written appeals: {bad}")
        if self.counts.get("numbers given out and not held", 0):
            found.append("registration numbers given out and not held (a gap in the sequence)")
        return found

    def summary(self):
        c = self.counts
        return (f"acknowledged {len(self.acknowledged)}, found after restart "
                f"{len(self.acknowledged) - len(self.missing)}, missing {len(self.missing)}; "
                f"stored {c.get('appeals', '?')} appeals with {c.get('history events', '?')} "
                f"events and {c.get('appeal_filed audit entries', '?')} audit entries, "
                f"{c.get('problems', '?')} half-written, "
                f"{self.unacknowledged} stored without an answer")
