"""What the bench/ programs share: running commands, a free port, wrk and its figures, the CPU
time a command and the PostgreSQL cluster it talks to use."""
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


def store_floor(url, resident, imported, work):
    """What storing an import's rows costs PostgreSQL alone, with nothing left to read, check
    or resolve: the rows dataset `imported` brought, already with their ids, copied (`psql
    \\copy`, text) into copies of `nodes` and `edges` holding dataset `resident`'s rows and the
    store's indexes, in one transaction with the import's settings; each table's indexes and
    unique constraints dropped and built again by the rule the import follows (when the rows at
    least double the table); then ANALYZE and the merge of the name index's pending list. The
    copies live in a schema of their own, dropped afterwards. Returns seconds."""
    import time
    psql = ["psql", "-q", "-v", "ON_ERROR_STOP=1", url]
    files = {t: os.path.join(work, f"store-floor-{t}.copy") for t in ("nodes", "edges")}
    of = lambda name: f"(SELECT id FROM public.datasets WHERE name = '{name}')"
    setup = ["DROP SCHEMA IF EXISTS store_floor CASCADE;", "CREATE SCHEMA store_floor;"]
    for t in ("nodes", "edges"):
        setup += [f"CREATE TABLE store_floor.{t} (LIKE public.{t} INCLUDING ALL);",
                  f"INSERT INTO store_floor.{t} SELECT * FROM public.{t} WHERE dataset_id = {of(resident)};",
                  f"\\copy (SELECT * FROM public.{t} WHERE dataset_id = {of(imported)}) TO '{files[t]}'"]
    setup += ["VACUUM ANALYZE store_floor.nodes, store_floor.edges;", "CHECKPOINT;"]
    subprocess.run(psql, input="\n".join(setup), text=True, check=True)
    count = lambda t: int(run(psql + ["-Atc", f"SELECT count(*) FROM public.{t} WHERE dataset_id = {of(imported)}"]).stdout)
    timed = ["SET search_path = store_floor, public;", "BEGIN;",
             "SELECT set_config('gin_pending_list_limit', '16384', true), set_config('work_mem', '256MB', true),"
             " set_config('synchronous_commit', 'off', true), set_config('maintenance_work_mem', '512MB', true),"
             " set_config('default_toast_compression', CASE WHEN EXISTS (SELECT 1 FROM pg_settings"
             " WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN 'lz4' ELSE 'pglz' END, true);"]
    for t in ("nodes", "edges"):
        timed += [f"SELECT CASE WHEN {count(t)} >= greatest((SELECT reltuples FROM pg_class WHERE oid = 'store_floor.{t}'::regclass), 0)"
                  f" THEN trama_defer_indexes('{t}') ELSE '{{}}'::text[] END AS deferred \\gset",
                  f"\\copy store_floor.{t} FROM '{files[t]}'",
                  "SELECT trama_restore_indexes(:'deferred');"]
    timed += ["ANALYZE store_floor.nodes, store_floor.edges;", "COMMIT;",
              "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
              " JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = 'store_floor.nodes'::regclass AND a.amname = 'gin';"]
    start = time.perf_counter()
    subprocess.run(psql, input="\n".join(timed), text=True, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    subprocess.run(psql + ["-c", "DROP SCHEMA store_floor CASCADE"], check=True, capture_output=True)
    for f in files.values():
        os.remove(f)
    return seconds


def _ticks(fields, *indices):
    return sum(int(fields[i]) for i in indices) / os.sysconf("SC_CLK_TCK")


def _stat(pid):
    """/proc/PID/stat's fields after the command name (which may hold spaces): index 0 is the state."""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def cluster_cpu(data_dir):
    """CPU seconds the PostgreSQL cluster of `data_dir` has used so far: its postmaster's own,
    every child it has reaped (backends, parallel workers: the kernel adds theirs to the
    postmaster's cutime and cstime), and every child still running. The difference of two
    readings is what the cluster did between them, whichever backends came and went."""
    with open(os.path.join(data_dir, "postmaster.pid")) as f:
        postmaster = int(f.readline())
    total = _ticks(_stat(postmaster), 11, 12, 13, 14)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = _stat(entry)
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                total += _ticks(fields, 11, 12)
    return total


def measured(cmd, data_dir, **kw):
    """Runs `cmd` (to completion, output captured) and returns (completed process, wall seconds,
    the command's CPU seconds, the cluster's CPU seconds meanwhile, the command's peak RSS in kB).
    The command must be this process's only child while it runs."""
    import resource
    import time
    before_pg = cluster_cpu(data_dir)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, text=True, capture_output=True, **kw)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    time.sleep(0.3)  # the command's backends exit after it does, and are reaped
    pg = cluster_cpu(data_dir) - before_pg
    own = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done, wall, own, pg, after.ru_maxrss


def cpu_bound(own, pg, wall, floor=None, megabytes=None):
    """The line saying what the work measured allows on this machine: with every core busy all
    the time, no schedule of the same work takes less than its CPU seconds over the cores."""
    cores = os.cpu_count() or 1
    bound = (own + pg) / cores
    line = (f"CPU: trama {own:.2f} s, PostgreSQL {pg:.2f} s; on {cores} cores this work takes at least "
            f"{bound:.2f} s (the run took {wall:.2f} s, {100 * bound / wall:.0f}% of it)")
    if floor:
        line += f"; that bound is {bound / floor:.1f}x the floor"
    if megabytes:
        line += f"; at most {megabytes / bound:.1f} MB/s"
    return line
