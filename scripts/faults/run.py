"""`make test-faults`: the release server under faults, each case with its own summary.

  a. kill -9 under load (SQLite, PostgreSQL): 32 clients file appeals, the server is killed
     after 1.5 s and started again on the same database; every number a client was given is
     stored with its `filed` and `classified` events and its audit entry, nothing is
     half-written (admin check-appeals), no number is given twice or skipped.
  b. PostgreSQL stopped and started under load (a throwaway cluster of the tests' own): while
     it is down requests answer 503 with Retry-After within seconds (never 500, a reset or a
     hang); the server recovers by itself; nothing acknowledged is lost or half-written.
  c. A data folder that is a file, read-only or full: one line on stderr starting with
     `error:`, a non-zero exit, no panic.
  d. SIGTERM under load, with a live board open (SQLite, PostgreSQL): every request in
     flight gets its 200 (a later one finds nothing listening), the board's stream ends,
     the process exits 0, and every stored appeal was answered.

Usage: run.py --bin target/release/smart-mahalla [--postgres-url URL] [--only a,b,c,d] [--keep]
(without --postgres-url, a and d run on SQLite only).
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback

import postgres
import start_errors
from client import LiveBoard, Storm, first_mahalla, register_citizen, sign_in, submit
from server import Failure, Server, Stored, free_port

CLIENTS = 32
# How long the storm runs before the fault.
LOAD_BEFORE_FAULT = 1.5
# How long PostgreSQL stays down: longer than a request waits for a connection (3 s).
OUTAGE = 4.0
# The longest a request may take while PostgreSQL is down ("a few seconds", not a hang).
OUTAGE_ANSWER_WITHIN = 6.0
# How soon after PostgreSQL is back a new submission must succeed.
RECOVER_WITHIN = 10.0
ADMIN_PHONE = "+998 90 777 66 55"
ADMIN_PASSWORD = "navbatchi-sinov-paroli-2026"


class Case:
    """One case's outcome: the lines of its summary, its problems, or why it was skipped."""

    def __init__(self, name):
        self.name = name
        self.lines = []
        self.problems = []
        self.skipped = None
        self.seconds = 0.0

    def say(self, line):
        self.lines.append(line)
        print(f"   {line}", flush=True)

    def problem(self, text):
        self.problems.append(text)
        print(f"   PROBLEM: {text}", flush=True)


def tally(answers):
    """How many answers of each kind: {"HTTP 200": 812, "refused": 40, …}."""
    counts = {}
    for answer in answers:
        counts[answer.label()] = counts.get(answer.label(), 0) + 1
    return counts


def describe(counts):
    return ", ".join(f"{n} {label}" for label, n in sorted(counts.items())) or "none"


class Backends:
    """Where a case's database lives: SQLite in its folder, or a fresh PostgreSQL database."""

    def __init__(self, postgres_url):
        self.postgres_url = postgres_url
        self.databases = 0

    def database(self, backend):
        if backend == "sqlite":
            return _NoDatabase()
        self.databases += 1
        return postgres.Database(self.postgres_url, f"sm_faults_{os.getpid()}_{self.databases}")


class _NoDatabase:
    url = None

    def __enter__(self):
        return self

    def __exit__(self, *_):
        return False


def numbers_of(answers):
    return [a.number for a in answers if a.kind == "ok"]


# --- a. kill -9 under load -------------------------------------------------------------------

def kill_under_load(case, home, binary, backends, backend):
    with backends.database(backend) as database:
        server = Server(binary, home, database.url).start()
        cookie = register_citizen(server.port)
        mahalla = first_mahalla(server.port, cookie)
        storm = Storm(server.port, cookie, mahalla, CLIENTS).start()
        time.sleep(LOAD_BEFORE_FAULT)
        killed = time.monotonic()
        server.kill()
        time.sleep(0.3)
        answers = storm.stop()
        before = [a for a in answers if a.ended < killed]
        case.say(f"{CLIENTS} clients for {LOAD_BEFORE_FAULT} s, then kill -9: "
                 f"{describe(tally(answers))}")
        failed_before = [a for a in before if a.kind != "ok"]
        if failed_before:
            case.problem(f"answers before the kill that were not 200: {describe(tally(failed_before))}")
        if len(numbers_of(answers)) < 10:
            case.problem("fewer than 10 appeals acknowledged before the kill: no load")

        server.start()
        after = submit(server.port, cookie, mahalla)
        if after.kind != "ok":
            case.problem(f"a submission after the restart answered {after.label()}: {after.body}")
        code = server.stop()
        if code != 0:
            case.problem(f"the restarted server exited with {code}")
        stored = Stored(server, numbers_of(answers) + numbers_of([after]))
        case.say(stored.summary())
        for problem in stored.problems():
            case.problem(problem)


# --- b. PostgreSQL stopped and started under load -------------------------------------------

def postgres_restart(case, home, binary):
    bindir = postgres.binaries()
    if bindir is None:
        case.skipped = ("no PostgreSQL server programs here (initdb, pg_ctl): the tests' "
                        "PostgreSQL is elsewhere and cannot be restarted by them")
        return
    cluster = postgres.Cluster(bindir, free_port()).init()
    try:
        cluster.start()
        server = Server(binary, home, cluster.url).start()
        cookie = register_citizen(server.port)
        mahalla = first_mahalla(server.port, cookie)
        storm = Storm(server.port, cookie, mahalla, CLIENTS).start()
        time.sleep(LOAD_BEFORE_FAULT)
        down = time.monotonic()
        cluster.stop("fast")
        time.sleep(OUTAGE)
        cluster.start()
        up = time.monotonic()
        while storm.successes_since(up) == 0 and time.monotonic() - up < RECOVER_WITHIN + 5:
            time.sleep(0.1)
        time.sleep(1.0)
        answers = storm.stop()
        code = server.stop()
        case.say(f"{CLIENTS} clients; PostgreSQL stopped after {LOAD_BEFORE_FAULT} s, started "
                 f"again {up - down:.1f} s later: {describe(tally(answers))}")
        if code != 0:
            case.problem(f"the server exited with {code} after SIGTERM")
        judge_outage(case, answers, down, up)
        stored = Stored(server, numbers_of(answers))
        case.say(stored.summary())
        for problem in stored.problems():
            case.problem(problem)
    finally:
        cluster.destroy()


def judge_outage(case, answers, down, up):
    unexpected = [a for a in answers if a.kind != "ok" and not (a.kind == "status" and a.status == 503)]
    if unexpected:
        case.problem(f"answers other than 200 and 503: {describe(tally(unexpected))}; first: "
                     f"{unexpected[0].body[:200]!r}")
    unavailable = [a for a in answers if a.kind == "status" and a.status == 503]
    if not unavailable:
        case.problem("no request was answered 503: the outage was not seen")
    without = [a for a in unavailable if not (a.retry_after or "").isdigit()]
    if without:
        case.problem(f"{len(without)} answer(s) 503 without a Retry-After of seconds")
    slowest = max(answers, key=lambda a: a.seconds)
    if slowest.seconds > OUTAGE_ANSWER_WITHIN:
        case.problem(f"a request took {slowest.seconds:.1f} s ({slowest.label()}): "
                     f"more than {OUTAGE_ANSWER_WITHIN:.0f} s")
    back = [a for a in answers if a.kind == "ok" and a.started >= up]
    recovered = min((a.ended for a in back), default=None)
    if recovered is None or recovered - up > RECOVER_WITHIN:
        case.problem(f"no submission succeeded within {RECOVER_WITHIN:.0f} s of PostgreSQL's return")
    retry = sorted({a.retry_after for a in unavailable if a.retry_after})
    case.say(f"{len(unavailable)} answered 503 (Retry-After: {', '.join(retry) or 'none'}) "
             f"during the outage; slowest answer {slowest.seconds:.1f} s; first appeal filed "
             + (f"{recovered - up:.1f} s after PostgreSQL was back" if recovered else "never"))


# --- d. SIGTERM under load, with a live board open ------------------------------------------

def sigterm_under_load(case, home, binary, backends, backend):
    with backends.database(backend) as database:
        server = Server(binary, home, database.url)
        created = server.admin("create", "--phone", ADMIN_PHONE, "--name", "Navbatchi",
                               env=Server.env(SMART_MAHALLA_ADMIN_PASSWORD=ADMIN_PASSWORD))
        if created.returncode != 0:
            raise Failure(f"admin create failed: {created.stderr.strip()}")
        server.start()
        board = LiveBoard(server.port, sign_in(server.port, ADMIN_PHONE, ADMIN_PASSWORD)).open()
        cookie = register_citizen(server.port)
        mahalla = first_mahalla(server.port, cookie)
        storm = Storm(server.port, cookie, mahalla, CLIENTS).start()
        time.sleep(LOAD_BEFORE_FAULT)
        server.terminate()
        terminated = time.monotonic()
        code = server.wait(20)
        exited = time.monotonic()
        time.sleep(0.3)
        answers = storm.stop()
        case.say(f"{CLIENTS} clients and a live board, SIGTERM after {LOAD_BEFORE_FAULT} s: "
                 f"{describe(tally(answers))}; exited "
                 + (f"with {code} after {exited - terminated:.1f} s" if code is not None
                    else "not at all within 20 s (killed)"))
        if code is None:
            server.kill()
        if code != 0:
            case.problem(f"the server's exit code was {code}, not 0")
        if board.status != 200:
            case.problem(f"the live board was not open (status {board.status})")
        elif board.ended is None:
            case.problem("the live board's stream was still open after the server stopped")
        report = server.stop_report()
        if report is None:
            case.problem("the server logged no 'stopped listening' line")
        else:
            case.say(f"at the stop: {report.get('waiting')} connection(s) waiting to be taken, "
                     f"{report.get('served')} served to the end, {report.get('nothing_sent')} "
                     f"closed without a request, {report.get('failed')} failed")
            if report.get("nothing_sent") or report.get("failed"):
                case.problem("connections the server had taken ended without their answer")
        # "unsent": the connection was reset before the request was written. A listener
        # that closes resets the handshakes the system completed after the server took the
        # last waiting connection (a window of microseconds no server can shut); the client
        # knows nothing was delivered, as with a refusal. Connections the server took are
        # judged by its own report above.
        broken = [a for a in answers if a.kind not in ("ok", "refused", "unsent")]
        if broken:
            case.problem(f"requests neither answered 200 nor refused a connection: "
                         f"{describe(tally(broken))}")
        stored = Stored(server, numbers_of(answers))
        case.say(stored.summary())
        for problem in stored.problems():
            case.problem(problem)
        if stored.unacknowledged:
            case.problem(f"{stored.unacknowledged} appeal(s) stored whose request got no answer")


# --- the run ----------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--postgres-url", default="")
    parser.add_argument("--only", default="a,b,c,d")
    parser.add_argument("--keep", action="store_true", help="keep the servers' logs")
    args = parser.parse_args()
    only = set(args.only.split(","))
    backends = Backends(args.postgres_url)
    with_postgres = ["sqlite"] + (["postgres"] if args.postgres_url else [])

    plan = []
    for backend in with_postgres:
        name = "SQLite" if backend == "sqlite" else "PostgreSQL"
        plan.append(("a", f"kill -9 under load ({name})",
                     lambda c, h, b=backend: kill_under_load(c, h, args.bin, backends, b)))
    plan.append(("b", "PostgreSQL restarted under load",
                 lambda c, h: postgres_restart(c, h, args.bin)))
    plan.append(("c", "unusable data folder at start",
                 lambda c, h: start_errors.run(c, h, args.bin)))
    for backend in with_postgres:
        name = "SQLite" if backend == "sqlite" else "PostgreSQL"
        plan.append(("d", f"SIGTERM under load ({name})",
                     lambda c, h, b=backend: sigterm_under_load(c, h, args.bin, backends, b)))

    cases = []
    work = tempfile.mkdtemp(prefix="smart-mahalla-faults-")
    for letter, name, run in plan:
        if letter not in only:
            continue
        case = Case(f"{letter}. {name}")
        print(f"\n{case.name}", flush=True)
        home = os.path.join(work, f"case-{len(cases)}")
        os.makedirs(home)
        started = time.monotonic()
        try:
            run(case, home)
        except Failure as failure:
            case.problem(str(failure))
        except Exception:  # a broken case is a failed case, with its trace
            case.problem(traceback.format_exc().rstrip())
        case.seconds = time.monotonic() - started
        if case.skipped:
            print(f"   skipped: {case.skipped}")
        cases.append(case)

    print("\nfaults summary")
    for case in cases:
        verdict = ("skipped" if case.skipped else "ok" if not case.problems
                   else f"FAILED ({len(case.problems)} problem(s))")
        print(f"   {case.name:<44} {case.seconds:5.1f} s  {verdict}")
    failed = [case for case in cases if case.problems]
    if failed or args.keep:
        print(f"   logs kept in {work}")
    if failed:
        return 1
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
