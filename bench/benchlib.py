"""What the bench/ programs share: running commands, a free port, wrk and its figures."""
import os
import re
import socket
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# wrk cycles through the URLs of the file $TRAMA_URLS, from a random start, and prints the
# 50th, 95th and 99th percentiles (wrk's own --latency has no 95th).
URLS_LUA = """
local urls = {}
for line in io.lines(os.getenv("TRAMA_URLS")) do urls[#urls + 1] = line end
local i = math.random(#urls)
request = function()
  i = i + 1
  return wrk.format("GET", urls[(i % #urls) + 1])
end
done = function(summary, latency, requests)
  for _, p in pairs({50, 95, 99}) do
    io.write(string.format("percentile %d %d\\n", p, latency:percentile(p)))
  end
end
"""


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid, field):
    """A /proc/PID/status figure (VmRSS, Threads, …) as a number (kB for sizes)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(out):
    """Requests/s, count, p50/p99/max in ms (and p95 when the script printed it), non-2xx, socket errors."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p = {q: ms(*re.search(rf"\s{q}%\s+([\d.]+)(us|ms|s)", out).groups()) for q in (50, 99)}
    for q, micros in re.findall(r"percentile (\d+) (\d+)", out):
        p[int(q)] = int(micros) / 1000
    latency = re.search(r"Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rate": rate, "requests": total, "p50": p[50], "p95": p.get(95), "p99": p[99], "max": ms(*latency.groups()) if latency else None,
            "non2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": errors.group(1).strip() if errors else ""}


def copy_floor(world, url):
    """The raw floor of a GRAS import: `psql \\copy` of every CSV file of `world` into plain,
    unindexed text tables (one per file, its header's columns) of the database at `url`, in a
    schema dropped afterwards. Returns (seconds for the copies alone, records)."""
    import csv
    import glob
    import time
    files = sorted(glob.glob(os.path.join(world, "*.csv")))
    table = lambda f: "floor." + os.path.basename(f)[:-4].replace("-", "_")
    script = ["DROP SCHEMA IF EXISTS floor CASCADE;", "CREATE SCHEMA floor;"]
    for f in files:
        with open(f, encoding="utf-8", newline="") as h:
            header = next(csv.reader(h))
        script.append(f"CREATE TABLE {table(f)} (" + ", ".join(f'"{c}" text' for c in header) + ");")
    psql = ["psql", "-q", "-v", "ON_ERROR_STOP=1", url]
    subprocess.run(psql, input="\n".join(script), text=True, check=True)
    copies = "\n".join(f"\\copy {table(f)} FROM '{f}' WITH (FORMAT csv, HEADER true)" for f in files)
    records = 0
    for f in files:
        with open(f, encoding="utf-8", newline="") as h:
            records += sum(1 for _ in csv.reader(h)) - 1
    start = time.perf_counter()
    subprocess.run(psql, input=copies, text=True, check=True)
    seconds = time.perf_counter() - start
    subprocess.run(psql + ["-c", "DROP SCHEMA floor CASCADE"], check=True, capture_output=True)
    return seconds, records
