"""What the check scripts share (scripts/proxy-check, scripts/replica-check): reporting checks,
asking a server over HTTP(S), waiting for a condition, and the nginx that puts servers behind
one address."""
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAILURES = []
TLS = {}


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what, flush=True)
    if not ok:
        FAILURES.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def ask(base, path, token=None, method="GET", body=None, headers=None):
    """(status, headers, body) of one request; redirects are answers, not followed."""
    request = urllib.request.Request(base + path, data=body, method=method, headers=dict(headers or {}))
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    handlers = [NoRedirect()]
    if base.startswith("https:"):
        handlers.append(urllib.request.HTTPSHandler(context=TLS["context"]))
    try:
        with urllib.request.build_opener(*handlers).open(request, timeout=30) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def wait_until(condition, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    check(False, f"{what} within {seconds} s")
    return False


def trama_binary():
    """The debug build's `trama` (the scripts run after `swift build`)."""
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return os.path.join(out.strip(), "trama")


def nginx_conf(work, port, servers, extra=""):
    """An nginx configuration listening on loopback `port`, round robin over `servers` (base URLs),
    with every temporary path under `work`; `extra` is more of the `http` block."""
    upstream = " ".join(f"server {b.split('://', 1)[1]};" for b in servers)
    return f"""daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    client_max_body_size 64m;
    upstream trama {{ {upstream} }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://trama;
            proxy_set_header Host $host:$server_port;
            proxy_set_header X-Forwarded-For $remote_addr;
        }}
    }}
{extra}
}}
"""


def start_nginx(work, conf_text):
    """Starts nginx on `conf_text` (see ``nginx_conf``); the caller terminates the process."""
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(conf_text)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return subprocess.Popen([nginx, "-c", conf, "-p", work], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


def stop(processes, timeout=60):
    for p in reversed(processes):
        p.terminate()
    for p in processes:
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()


def show_logs(work, names):
    for name in names:
        path = os.path.join(work, name)
        if os.path.exists(path):
            print(f"--- {name} ---\n" + "".join(open(path).readlines()[-30:]), file=__import__("sys").stderr)
