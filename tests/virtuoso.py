"""Virtuoso Open Source 7 (Debian's virtuoso-opensource-7-bin) as a real remote store.

A fresh database takes Virtuoso half a minute to build, so one is built per test
session (with the SPARQL user allowed to update, as its documentation says to
allow it) and each server starts from a copy of it in a second or two, on free
ports, from a small virtuoso.ini of its own.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
DATABASE_FILES = ("virtuoso.db",)

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = {sql_port}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {dir}
CheckpointInterval = 60

[HTTPServer]
ServerPort = {http_port}
ServerThreads = 10
MaxClientConnections = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


@dataclass
class VirtuosoServer:
    process: subprocess.Popen
    directory: Path
    http_port: int
    sql_port: int

    @property
    def url(self) -> str:
        """The store URL users give newsgraph: Virtuoso's SPARQL endpoint."""
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def auth_url(self) -> str:
        """The endpoint that wants Digest credentials (dba/dba in a fresh database)."""
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def isql(self, statement: str) -> str:
        done = subprocess.run([ISQL, str(self.sql_port), "dba", "dba", f"exec={statement}"],
                              capture_output=True, text=True, timeout=60)
        return done.stdout + done.stderr

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_virtuoso(directory: Path, http_port: int, sql_port: int,
                   template: Path | None = None, wait: float = 120) -> VirtuosoServer:
    """A Virtuoso server in ``directory`` (its database copied from ``template``)."""
    directory.mkdir(parents=True, exist_ok=True)
    if template is not None:
        for name in DATABASE_FILES:
            shutil.copy(template / name, directory / name)
    (directory / "virtuoso.ini").write_text(INI.format(dir=directory, sql_port=sql_port,
                                                       http_port=http_port))
    log = (directory / "stdout.log").open("w")
    process = subprocess.Popen([VIRTUOSO, "+configfile", str(directory / "virtuoso.ini"),
                                "+foreground"], cwd=directory, stdout=log,
                               stderr=subprocess.STDOUT)
    server = VirtuosoServer(process, directory, http_port, sql_port)
    deadline = time.monotonic() + wait
    while True:
        if process.poll() is not None:
            raise RuntimeError("virtuoso stopped:\n" + (directory / "stdout.log").read_text())
        try:
            if requests.get(server.url, params={"query": "ASK {}"}, timeout=2).ok:
                return server
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"virtuoso did not start in {wait:g} s")
        time.sleep(0.2)


def build_template(directory: Path, http_port: int, sql_port: int) -> Path:
    """A fresh database whose SPARQL user may update, shut down cleanly; its folder."""
    server = start_virtuoso(directory, http_port, sql_port)
    try:
        out = server.isql('GRANT SPARQL_UPDATE TO "SPARQL"; checkpoint;')
        assert "Error" not in out, out
    finally:
        server.isql("shutdown;")
        server.process.wait(timeout=60)
    return directory
