#!/usr/bin/env python3
"""1,000 idle half-open connections (a request line and one header sent, never finished: a slowloris
client) must not stop a normal GET. Starts the built Release service on 127.0.0.1, opens the connections,
times normal requests beside them, and exits non-zero if one fails or takes 2 seconds or more.

    dotnet build src/Indicators.Api -c Release && python3 bench/reliability/idle-connections.py [count]
"""
import os, socket, subprocess, sys, tempfile, time, urllib.request

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
PORT = int(os.environ.get("PORT", "18690"))
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(ROOT, "src", "Indicators.Api", "bin", "Release", "net10.0")
BASE = f"http://127.0.0.1:{PORT}"


def get(path, timeout=5.0):
    started = time.monotonic()
    with urllib.request.urlopen(BASE + path, timeout=timeout) as response:
        response.read()
        return response.status, time.monotonic() - started


def main():
    scratch = tempfile.mkdtemp()
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production",
               ConnectionStrings__Indicators=f"Data Source={scratch}/indicators.db")
    service = subprocess.Popen(["dotnet", os.path.join(BIN, "Indicators.Api.dll"), "--contentRoot", BIN,
                                "--urls", BASE], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sockets = []
    try:
        for _ in range(100):
            try:
                get("/health/ready")
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(COUNT):
            s = socket.create_connection(("127.0.0.1", PORT))
            s.sendall(b"GET /v1/observations HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            sockets.append(s)
        time.sleep(1)
        results = [get("/v1/observations/china-gdp-2023-usd") for _ in range(20)]
        worst = max(seconds for _, seconds in results)
        statuses = sorted({status for status, _ in results})
        print(f"{len(sockets)} idle half-open connections; {len(results)} normal GETs beside them: "
              f"statuses {statuses}, slowest {worst * 1000:.1f} ms")
        return 0 if statuses == [200] and worst < 2 else 1
    finally:
        for s in sockets:
            s.close()
        service.terminate()
        service.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
