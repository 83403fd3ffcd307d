"""`python -m generator cms serve` (`make cms`): the web editor on one's own machine, no account.

Starts npm's `decap-server` (Decap's local backend: reads and writes the files of this
project directly, no git commit) on the loopback only, then the fast live preview with
/admin/ configured to use it: an editor saves in the form and sees the record's page update.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..publish import stop_on_termination
from .files import _REPO
from .settings import PROXY_ENV

SERVER = Path("node_modules", "decap-server", "dist", "index.js")


class LocalBackendError(Exception):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _port_taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def find_server(project_root: Path) -> Path | None:
    for root in (project_root, _REPO):
        if (root / SERVER).is_file():
            return root / SERVER
    return None


@contextmanager
def decap_server(project_root: Path, port: int, log: Path | None = None) -> Iterator[str]:
    """decap-server for `project_root` on 127.0.0.1:`port`; yields its API address."""
    script = find_server(project_root)
    node = shutil.which("node")
    if script is None or node is None:
        raise LocalBackendError("Chưa cài decap-server (npm) hoặc Node.js: chạy “make cms” (tự cài) hoặc “npm ci”.")
    if _port_taken(port):
        raise LocalBackendError(f"Cổng {port} đang được dùng; chọn cổng khác bằng --proxy-port hoặc extra.cms.local_port trong mkdocs.yml.")
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(project_root), "LOG_LEVEL": "warn"}
    output = log.open("ab") if log else subprocess.DEVNULL
    process = subprocess.Popen([node, str(script)], cwd=project_root, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not _port_taken(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise LocalBackendError(f"decap-server không khởi động được trên cổng {port}.")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            output.close()


def serve_editor(config_file: Path, dev_addr: str, proxy_port: int) -> None:
    """decap-server plus the live preview, whose /admin/ saves through it; until Ctrl+C."""
    from ..preview import run_preview

    root = config_file.resolve().parent
    stop_on_termination()  # stopped by a service manager: stop decap-server too
    with decap_server(root, proxy_port) as api:
        os.environ[PROXY_ENV] = api  # read by CmsSettings.from_extra when the preview plans /admin/
        host, _, port = dev_addr.rpartition(":")
        print(f"Trang biên tập: http://{host or '127.0.0.1'}:{port}/admin/ (lưu thẳng vào {root.name}/entries/, qua decap-server ở cổng {proxy_port}).", flush=True)
        run_preview(config_file, dev_addr)
