"""Real application servers, started by the tests: gunicorn (--preload, forked workers), Node
`cluster`, php-fpm behind nginx (pm.max_requests recycling), an HttpListener app under mono, and
on the JVM the JDK's own HTTP server and Spring Boot (embedded Tomcat), threads sharing one client,
each running the same merchant app against one simulator (see test_servers.py)."""
import getpass
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent
ANTOM = os.environ.get("ANTOM_BIN", str(ROOT / "target" / "debug" / "antom"))
# The SDK each server loads: the working tree's debug builds, unless tools/bench_servers.py
# points these at the release artifacts it installed from dist/ (ANTOM_NODE too, in node_app.js).
GUNICORN = os.environ.get("ANTOM_GUNICORN", str(ROOT / ".venv/bin/gunicorn"))
PHP_EXT = os.environ.get("ANTOM_PHP_EXT", str(ROOT / "target" / "debug" / "libantom.so"))
FFI_DIR = os.environ.get("ANTOM_FFI_DIR", str(ROOT / "target" / "debug"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_health(url, proc, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited with {proc.returncode}")
        try:
            if urllib.request.urlopen(url + "/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not come up")


@pytest.fixture
def sim(tmp_path):
    # Fault 9902 holds its answer 0.3 s, far below the SDK's 15 s timeout. Audit mode: every
    # app must come out of its run with no red-line finding.
    proc = subprocess.Popen([ANTOM, "sim", "--audit", "--quiet", "--time-scale", "0.001", "--slow-ms", "300",
                             "--state-dir", str(tmp_path / "sim")],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    assert line, "the simulator did not start"
    yield line
    proc.terminate()
    proc.wait(timeout=10)


class Server:
    def __init__(self, name, url, log, procs):
        self.name, self.url, self.log, self.procs = name, url, log, procs

    def stop(self):
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
        return [p.returncode for p in self.procs]


def start(name, tmp, sim_info):
    port = free_port()
    log = tmp / "notifications.jsonl"
    log.touch()
    env = dict(os.environ, ANTOM_SIM_INFO=sim_info, APP_LOG=str(log), PORT=str(port), WORKERS="4")
    out = open(tmp / f"{name}.out", "w")
    procs = []
    if name == "gunicorn":
        procs.append(subprocess.Popen([GUNICORN, "--preload", "-w", "4", "--threads", "4", "-b", f"127.0.0.1:{port}",
                                       "--chdir", str(HERE), "wsgi_app:app"], env=env, stdout=out, stderr=out))
    elif name == "node-cluster":
        procs.append(subprocess.Popen(["node", str(HERE / "node_app.js")], env=env, stdout=out, stderr=out))
    elif name == "php-fpm":
        ext = PHP_EXT
        fpm_port = free_port()
        (tmp / "php-fpm.conf").write_text(f"""[global]
error_log = {tmp}/fpm-error.log
daemonize = no
[www]
; the key files are the test user's alone (0600): the workers run as that user (-R if root)
user = {getpass.getuser()}
listen = 127.0.0.1:{fpm_port}
pm = static
pm.max_children = 4
; every worker is replaced after 25 requests: the extension must survive recycling
pm.max_requests = 25
; the workers read ANTOM_SIM_INFO and APP_LOG from the environment
clear_env = no
catch_workers_output = yes
php_admin_value[extension] = {ext}
""")
        (tmp / "nginx.conf").write_text(f"""daemon off;
user {getpass.getuser()};
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 512; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  fastcgi_temp_path {tmp}/fastcgi;
  proxy_temp_path {tmp}/proxy;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME {HERE}/php_app.php;
      fastcgi_pass 127.0.0.1:{fpm_port};
    }}
  }}
}}
""")
        root = ["-R"] if os.geteuid() == 0 else []
        procs.append(subprocess.Popen(["php-fpm8.2", "-n", *root, "-y", str(tmp / "php-fpm.conf"), "-F"], env=env, stdout=out, stderr=out))
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", fpm_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        procs.append(subprocess.Popen(["nginx", "-c", str(tmp / "nginx.conf")], env=env, stdout=out, stderr=out))
    elif name == "mono":
        build = tmp / "mono"
        build.mkdir()
        src = sorted(str(p) for p in (ROOT / "bindings-dotnet/src/Antom").glob("*.cs"))
        subprocess.run(["mcs", "-langversion:7.2", "-target:library", "-nowarn:1591", "-r:System.Runtime.Serialization", f"-out:{build}/Antom.dll", *src], check=True)
        subprocess.run(["mcs", "-langversion:7.2", f"-out:{build}/App.exe", f"-r:{build}/Antom.dll", "-r:System.Runtime.Serialization",
                        str(HERE / "MonoApp.cs")], check=True)
        env["LD_LIBRARY_PATH"] = FFI_DIR
        procs.append(subprocess.Popen(["mono", f"{build}/App.exe"], env=env, stdout=out, stderr=out))
    elif name == "jdk-httpserver":
        # The SDK jar `make java-dev` built and JNA beside it; Java 11+ runs the source file.
        java = ROOT / "bindings-java" / "target"
        cp = os.environ.get("ANTOM_JAVA_CP") or ":".join(str(p) for p in [*java.glob("antom-*[0-9].jar"), *(java / "lib").glob("jna-*.jar")])
        procs.append(subprocess.Popen(["java", "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                                       str(ROOT / "bindings-java/examples/jdk-server/MerchantServer.java")], env=env, stdout=out, stderr=out))
    elif name == "spring-boot":
        # The executable jar `make java-examples` built: Spring Boot with com.antom:antom from the
        # local Maven repository, as a merchant's build would have it.
        jar = ROOT / "bindings-java/examples/spring-boot/target/merchant.jar"
        procs.append(subprocess.Popen(["java", "--enable-native-access=ALL-UNNAMED", "-jar", str(jar)], env=env, stdout=out, stderr=out))
    else:
        raise AssertionError(name)
    url = f"http://127.0.0.1:{port}"
    server = Server(name, url, log, procs)
    try:
        wait_health(url, procs[0])
    except BaseException:
        server.stop()  # a server that did not come up leaves nothing running
        raise
    return server
