"""Case c of the fault tests: a data folder the server cannot use -- a file where the
folder should be, a read-only folder, a full disk; each empty and holding a database -- must
stop the server at start with one line on stderr starting with `error:` and a non-zero exit
code, never a panic or a hang.

Read-only: as root (CI), where permissions do not stop writes, a tmpfs mounted read-only
(or, when mounting is not allowed, the folder made immutable with chattr +i); as a normal
user, a folder without write permission. Full: a small tmpfs filled up, as root only (a
normal user cannot mount one: skipped with a message)."""

import os
import shutil
import subprocess

from server import Server

# How long a start that fails may take (a hang is a failure).
START_WITHIN = 30


def run(case, home, binary):
    scenarios = [
        ("a file where the data folder should be", file_in_place),
        ("a read-only data folder, empty",
         lambda folder, binary, undo: read_only(folder, binary, undo, with_database=False)),
        ("a read-only data folder holding the database",
         lambda folder, binary, undo: read_only(folder, binary, undo, with_database=True)),
        ("a full data folder, empty",
         lambda folder, binary, undo: full(folder, binary, undo, with_database=False)),
        ("a full data folder holding the database",
         lambda folder, binary, undo: full(folder, binary, undo, with_database=True)),
    ]
    for number, (name, prepare) in enumerate(scenarios):
        folder = os.path.join(home, f"scenario-{number}")
        os.makedirs(folder)
        undo = []
        try:
            prepared = prepare(folder, binary, undo)
            if isinstance(prepared, str):
                case.say(f"{name}: skipped ({prepared})")
                continue
            data_dir, how = prepared
            judge(case, name, how, serve_once(binary, data_dir))
        finally:
            for step in reversed(undo):
                subprocess.run(step, capture_output=True)
            shutil.rmtree(folder, ignore_errors=True)


def serve_once(binary, data_dir):
    """Starts `serve` on `data_dir`; answers (exit code or None when it hung, stderr)."""
    try:
        done = subprocess.run(
            [binary, "serve", "--addr", "127.0.0.1:0", "--data-dir", data_dir],
            capture_output=True, text=True, timeout=START_WITHIN, env=Server.env())
        return done.returncode, done.stderr
    except subprocess.TimeoutExpired as expired:
        stderr = expired.stderr or ""
        if isinstance(stderr, bytes):
            stderr = stderr.decode("utf-8", "replace")
        return None, stderr


def judge(case, name, how, result):
    code, stderr = result
    lines = stderr.splitlines()
    shown = lines[0] if lines else "(nothing on stderr)"
    case.say(f"{name} ({how}): exit {code}: {shown}")
    if code is None:
        case.problem(f"{name}: still running after {START_WITHIN} s")
    elif code == 0:
        case.problem(f"{name}: exit code 0")
    if "panicked" in stderr:
        case.problem(f"{name}: panicked")
    if len(lines) != 1 or not lines[0].startswith("error: "):
        case.problem(f"{name}: stderr is not one line starting with 'error: ':\n{stderr}")


def file_in_place(folder, _binary, _undo):
    path = os.path.join(folder, "data")
    with open(path, "w") as f:
        f.write("a file, not a folder\n")
    return path, "any user"


def mount_tmpfs(path, options):
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", path],
                          capture_output=True).returncode == 0


def create_database(binary, data_dir):
    """Creates and migrates the database in `data_dir` (what a first start does)."""
    done = subprocess.run([binary, "admin", "check-appeals", "--data-dir", data_dir],
                          capture_output=True, text=True, timeout=60, env=Server.env())
    if done.returncode != 0:
        raise RuntimeError(f"cannot create the database: {done.stderr}")


def read_only(folder, binary, undo, with_database):
    data_dir = os.path.join(folder, "data")
    os.makedirs(data_dir)
    if os.geteuid() != 0:
        if with_database:
            create_database(binary, data_dir)
            for name in os.listdir(data_dir):
                os.chmod(os.path.join(data_dir, name), 0o444)
        os.chmod(data_dir, 0o555)
        undo.append(["chmod", "-R", "u+w", data_dir])
        return data_dir, "no write permission"
    if mount_tmpfs(data_dir, "size=16m"):
        undo.append(["umount", data_dir])
        if with_database:
            create_database(binary, data_dir)
        if subprocess.run(["mount", "-o", "remount,ro", data_dir]).returncode != 0:
            return "cannot remount the tmpfs read-only"
        return data_dir, "tmpfs mounted read-only"
    if with_database:
        create_database(binary, data_dir)
    if subprocess.run(["chattr", "+i", data_dir], capture_output=True).returncode == 0:
        undo.append(["chattr", "-i", data_dir])
        return data_dir, "chattr +i"
    return "as root, neither a read-only tmpfs nor chattr +i is possible here"


def full(folder, binary, undo, with_database):
    if os.geteuid() != 0:
        return "a full disk needs a small tmpfs, which only root may mount"
    data_dir = os.path.join(folder, "data")
    os.makedirs(data_dir)
    if not mount_tmpfs(data_dir, "size=4m" if with_database else "size=256k"):
        return "mounting a small tmpfs is not allowed here"
    undo.append(["umount", data_dir])
    if with_database:
        create_database(binary, data_dir)
    try:
        with open(os.path.join(data_dir, "filler"), "wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
    except OSError:
        pass  # no space left: as intended
    return data_dir, "tmpfs filled up"
