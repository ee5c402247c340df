#!/usr/bin/env python3
"""Send GET PATH to 127.0.0.1:PORT back to back for DURATION seconds (in the container's network
namespace). Prints counts of ok / refused / other failures and the serving PIDs; exit 1 on any
failure."""
import collections
import socket
import sys
import time

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
duration = float(sys.argv[2]) if len(sys.argv) > 2 else 5
path = sys.argv[3] if len(sys.argv) > 3 else "/health"
res = collections.Counter()
pids = collections.Counter()
max_latency = 0.0
end = time.time() + duration
while time.time() < end:
    t0 = time.time()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
            s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % path).encode())
            data = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        status = data.split(b"\r\n", 1)[0]
        if b" 200 " in status:
            res["ok"] += 1
            if b"pid=" in data:
                pids[data.split(b"pid=")[1].split()[0].decode()] += 1
        else:
            res["status:%s" % status[:40].decode(errors="replace")] += 1
    except ConnectionRefusedError:
        res["refused"] += 1
    except Exception as e:  # timeouts, resets: all count as failures
        res[type(e).__name__] += 1
    max_latency = max(max_latency, time.time() - t0)
    time.sleep(0.005)
print("results=%s pids=%s max_latency_s=%.3f" % (dict(res), dict(pids), max_latency))
sys.exit(0 if set(res) == {"ok"} else 1)
