"""A bigger room: two ``serve`` nodes behind Debian's HAProxy on 127.0.0.1, sharing one host
key; visitors arrive through the proxy's two doors and are spread across both nodes.

Run: ``python tests/benchmarks/bench_haproxy.py [--visitors 10]`` (needs ``haproxy``).
Prints where each door's visitors landed. A demonstration, not a test: it always exits 0.

The proxy: TCP mode for SSH, HTTP (websocket upgrades pass through) for the browser door,
``balance leastconn`` for both, and a cookie that keeps a browser on the node it signed in
to (its sign-in lives on that node). The README's "A bigger room" has the same shape.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import asyncssh

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ssh.helpers import ServerProcess, connect, open_term  # noqa: E402

CONFIG = """\
global
    maxconn 4096
defaults
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
frontend ssh_room
    mode tcp
    bind 127.0.0.1:{ssh}
    default_backend ssh_nodes
backend ssh_nodes
    mode tcp
    balance leastconn
    server a 127.0.0.1:{a_ssh}
    server b 127.0.0.1:{b_ssh}
frontend web_room
    mode http
    bind 127.0.0.1:{web}
    default_backend web_nodes
backend web_nodes
    mode http
    balance leastconn
    cookie JIEBEI_NODE insert indirect nocache httponly
    server a 127.0.0.1:{a_web} cookie a
    server b 127.0.0.1:{b_web} cookie b
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def ports(node: ServerProcess) -> tuple[int, int]:
    ssh = node.wait_log_sync(r"port (\d+); people connect with: ssh", 10)
    web = node.wait_log_sync(r"port (\d+) for browsers", 10)
    return int(ssh.group(1)), int(web.group(1))


async def ssh_visitor(port: int, held: list[object]) -> None:
    conn = await connect(port)
    held.append(conn)
    term = await open_term(conn)
    await term.wait_for("Before you start", 30)


async def web_visitor(port: int, held: list[object]) -> None:
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    held.append(http)
    base = f"http://127.0.0.1:{port}"
    async with http.get(base) as page:
        await page.read()
    ws = await http.ws_connect(f"{base}/ws", origin=base, max_msg_size=0)
    held.append(ws)
    seen = b""
    while b"Before you start" not in seen:
        message = await ws.receive(timeout=30)
        if message.type != aiohttp.WSMsgType.BINARY:
            raise RuntimeError(f"the session closed: {message}")
        seen += message.data


async def run(visitors: int) -> None:
    haproxy = shutil.which("haproxy")
    if haproxy is None:
        print("haproxy is not installed (Debian: apt-get install haproxy)")
        return
    home = Path(tempfile.mkdtemp(prefix="bench-haproxy-"))
    key = home / "host_key"
    key.write_bytes(asyncssh.generate_private_key("ssh-ed25519").export_private_key())
    key.chmod(0o600)
    limit = str(4 * visitors)
    # Behind a proxy every visitor comes from its address: the proxy limits each address.
    nodes = [ServerProcess(home / name, "--web", "--ssh-port", "0", "--open",
                           "--host-key", str(key), "--max-sessions", limit,
                           "--max-per-address", limit) for name in ("a", "b")]
    proxy = None
    held: list[object] = []
    try:
        (a_ssh, a_web), (b_ssh, b_web) = ports(nodes[0]), ports(nodes[1])
        ssh, web = free_port(), free_port()
        config = home / "haproxy.cfg"
        config.write_text(CONFIG.format(ssh=ssh, web=web, a_ssh=a_ssh, b_ssh=b_ssh,
                                        a_web=a_web, b_web=b_web), encoding="utf-8")
        proxy = subprocess.Popen([haproxy, "-db", "-f", str(config)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", web), 1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        print(f"haproxy on 127.0.0.1: ssh {ssh}, web {web}; nodes a (ssh {a_ssh}, web "
              f"{a_web}) and b (ssh {b_ssh}, web {b_web}), one host key")
        for door, visit, port in (("ssh", ssh_visitor, ssh), ("web", web_visitor, web)):
            before = [len(n.lines) for n in nodes]
            await asyncio.gather(*(visit(port, held) for _ in range(visitors)))
            landed = [sum(bool(re.search(r"session start", line))
                          for line in n.lines[start:]) for n, start in zip(nodes, before,
                                                                            strict=True)]
            print(f"  {door}: {visitors} visitors through the proxy: node a {landed[0]}, "
                  f"node b {landed[1]}")
        keys = {re.search(r"host key (\S+ \S+)", n.log()) for n in nodes}
        print(f"  host key fingerprints: {len({k.group(1) for k in keys if k})} distinct "
              "(one: visitors' ssh accepts either node)")
    finally:
        for thing in reversed(held):
            closing = thing.close()  # type: ignore[attr-defined]
            if asyncio.iscoroutine(closing):
                await closing
        if proxy is not None:
            proxy.terminate()
            proxy.wait(5)
        for node in nodes:
            node.stop()
        shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=10, help="per door")
    args = parser.parse_args()
    try:
        asyncio.run(run(args.visitors))
    except Exception as exc:  # a demonstration: report, never fail the caller
        print(f"benchmark error: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
