"""The ``alembic`` of the command blocks, without a new interpreter for each one.

Importing Alembic takes half a second here, more than most commands then take. A warm process
imports it once; for each ``alembic …`` that a command runs, a shim found first on the PATH sends it
its arguments, directory, environment and standard streams, and the warm process forks a child that
runs Alembic's own entry point on them, as the real script would, and sends back its exit status.
The child writes to the very file descriptors the real process would have had: what a page shows is
what it printed. tests/harness/test_warm_alembic.py compares it, byte for byte, with the real ``alembic``.
"""

import os
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ALEMBIC = Path(sys.executable).with_name("alembic")  # the real script, as the venv installs it

# The shim: a Python without site (a few milliseconds to start), that only hands over what it was given
SHIM = """#!{python} -IS
import os, socket, sys
connection = socket.socket(socket.AF_UNIX)
connection.connect({socket!r})
request = repr((sys.argv[1:], os.getcwd(), dict(os.environ))).encode()
socket.send_fds(connection, [len(request).to_bytes(8, "big")], [0, 1, 2])
connection.sendall(request)
status = connection.recv(1)
sys.exit(status[0] if status else "warm alembic: the command ended without a status")
"""

# The warm process: Alembic imported, then a fork per request. It ends when its standard input closes, that
# is when the test process that started it ends, however it ends.
SERVER = """
import ast, atexit, os, runpy, select, shutil, signal, socket, sys, time
import alembic.config, alembic.command, sqlalchemy  # what every command imports first

script, path = sys.argv[1:]
signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are not waited for: their status goes by the socket
signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C to the test run: it ends with its standard input
listener = socket.socket(socket.AF_UNIX)
listener.bind(path)
listener.listen(8)
sys.stdout.write("ready\\n")
sys.stdout.flush()


def run(connection):
    header, fds, _, _ = socket.recv_fds(connection, 8, 3)
    size, request = int.from_bytes(header, "big"), b""
    while len(request) < size:
        request += connection.recv(size - len(request))
    argv, cwd, environ = ast.literal_eval(request.decode())
    for target, fd in zip((0, 1, 2), fds):
        os.dup2(fd, target)
        os.close(fd)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.environ.clear()
    os.environ.update(environ)
    time.tzset()
    os.chdir(cwd)
    # sys.stdout and sys.stderr stay the objects they are (Alembic's Config took sys.stdout as a default at
    # import): unbuffered, as this process was started, they write to the command's descriptors
    if environ.get("PYTHONUNBUFFERED") != "1":
        os.write(2, b"warm alembic: only for commands run with PYTHONUNBUFFERED=1, as it runs unbuffered\\n")
        connection.sendall(bytes([2]))
        os._exit(2)
    sys.argv = [script, *argv]
    sys.path[0] = os.path.dirname(script)  # as for the script: its own folder first
    status = 0
    try:
        runpy.run_path(script, run_name="__main__")  # the script itself: sys.exit(main())
    except SystemExit as ended:
        if ended.code is None or isinstance(ended.code, int):
            status = ended.code or 0
        else:
            print(ended.code, file=sys.stderr)
            status = 1
    except BaseException as error:
        trace = error.__traceback__  # from the script's frame on, as the real one prints it
        while trace and trace.tb_frame.f_code.co_filename != script:
            trace = trace.tb_next
        sys.excepthook(type(error), error.with_traceback(trace), trace)
        status = 1
    atexit._run_exitfuncs()
    for opened in (sys.stdout, sys.stderr):
        opened.flush()
    connection.sendall(bytes([status & 0xFF]))
    os._exit(status)


while True:
    ready, _, _ = select.select([listener, sys.stdin], [], [])
    if sys.stdin in ready and not sys.stdin.buffer.read1(1):
        break
    if listener in ready:
        connection, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            run(connection)
        connection.close()
shutil.rmtree(os.path.dirname(path), ignore_errors=True)  # its shim and its socket, even after a crashed test run
"""


class WarmAlembic:
    """The warm process and the folder of its shim; ``environment()`` sends a command's ``alembic`` to it."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="guide-warm-alembic-"))
        self.socket = self.directory / "socket"
        shim = self.directory / "bin" / "alembic"
        shim.parent.mkdir()
        shim.write_text(SHIM.format(python=sys.executable, socket=str(self.socket)), encoding="utf-8")
        shim.chmod(0o755)
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(ALEMBIC), str(self.socket)],
            # as bare as a command's environment (no PYTHONPATH), and unbuffered as the commands are run
            env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready, _, _ = select.select([self.process.stdout], [], [], 60)
        if not ready or self.process.stdout.readline() != "ready\n":
            self.close()
            raise RuntimeError("the warm alembic process did not start")

    def environment(self, env: dict[str, str]) -> dict[str, str]:
        return env | {"PATH": f"{self.directory / 'bin'}:{env['PATH']}"}  # the shim knows its socket

    def close(self) -> None:
        self.process.stdin.close()  # it ends, and removes its folder
        self.process.wait(timeout=30)
        shutil.rmtree(self.directory, ignore_errors=True)  # in case it never started
