"""//tests/gateway:nginx_test: the shipped gateway (gateway/nginx/nginx.conf and
apprunner_codec.lua over libapprunner_codec.so.1) in a real nginx, in front of an
upstream that records exactly what it receives.

Two nginx instances, each this test's own child process (`-p` into the test's temp
directory, 127.0.0.1, free ports, one worker): "enforce" runs the sample configuration
as a user copies it (only its paths and ports replaced; every replacement must find
its text, so a changed sample fails here rather than going untested), "observe" the
same with `report_only = true`. Both are stopped by their PID at the end, on failure
too; they also die with this process (PR_SET_PDEATHSIG) and a watchdog kills them after
WATCHDOG_SECONDS.

Environment (set by nginx_test.sh): APPRUNNER_CODEC_LIBRARY, APPRUNNER_CODEC_LUA_DIR,
APPRUNNER_CODEC_NGINX_CONF, APPRUNNER_CODEC_EXAMPLES, APPRUNNER_CODEC_JS_DIR,
NGINX_PRELOAD (a sanitizer runtime for a sanitized library, or empty).
"""

import ctypes
import http.client
import json
import os
import re
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import apprunner_codec  # the Python binding: the expected verdicts, computed independently

CT = "application/x-amz-json-1.0"
WATCHDOG_SECONDS = 240
VALID_ARN = "arn:aws:apprunner:us-east-1:123456789012:service/gw-test/8fe1e10304f84fd2b0df550fe98a71fa"

LIB = os.environ["APPRUNNER_CODEC_LIBRARY"]
LUA_DIR = os.environ["APPRUNNER_CODEC_LUA_DIR"]
SAMPLE_CONF = os.environ["APPRUNNER_CODEC_NGINX_CONF"]
EXAMPLES = os.environ["APPRUNNER_CODEC_EXAMPLES"]
JS_DIR = os.environ.get("APPRUNNER_CODEC_JS_DIR", "")
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")


def example(op: str, kind: str = "request") -> bytes:
    with open(os.path.join(EXAMPLES, "%s.%s.json" % (op, kind)), "rb") as f:
        return f.read()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- The upstream: records every request exactly as it arrives --------------------------

class Recorded:
    def __init__(self, method, path, headers, body):
        self.method, self.path, self.headers, self.body = method, path, headers, body

    def header(self, name):
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        return values[0] if len(values) == 1 else (None if not values else values)


class Upstream(socketserver.ThreadingTCPServer):
    """HTTP/1.1 with keep-alive (nginx's upstream keepalive), Content-Length bodies only
    (nginx buffers chunked bodies before proxying). Answers an operation with its example
    response."""
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), UpstreamHandler)
        self.lock = threading.Lock()
        self.requests = []

    def take(self):
        with self.lock:
            out, self.requests = self.requests, []
        return out


class UpstreamHandler(socketserver.StreamRequestHandler):
    timeout = 30

    def handle(self):
        while True:
            line = self.rfile.readline(65537)
            if not line:
                return
            method, path, _ = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
            headers = []
            while True:
                h = self.rfile.readline(65537).decode("latin-1").rstrip("\r\n")
                if not h:
                    break
                k, v = h.split(":", 1)
                headers.append((k, v.strip()))
            lengths = [v for k, v in headers if k.lower() == "content-length"]
            if any(k.lower() == "transfer-encoding" for k, _ in headers):
                raise RuntimeError("upstream: chunked request (nginx should have buffered it)")
            body = self.rfile.read(int(lengths[0])) if lengths else b""
            rec = Recorded(method, path, headers, body)
            with self.server.lock:
                self.server.requests.append(rec)
            target = rec.header("X-Amz-Target") or ""
            op = target.split(".", 1)[-1]
            try:
                out = example(op, "response")
            except OSError:
                out = b"{}"
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: " + CT.encode() +
                             b"\r\nx-amzn-RequestId: upstream-1\r\nContent-Length: " +
                             str(len(out)).encode() + b"\r\n\r\n" + out)
            self.wfile.flush()


# --- nginx ----------------------------------------------------------------------------------

def _pdeathsig():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die with the test process


def replace_once(text, old, new, what):
    if text.count(old) != 1:
        raise AssertionError("sample nginx.conf: expected exactly one %r (%s), found %d"
                             % (old, what, text.count(old)))
    return text.replace(old, new)


class Nginx:
    def __init__(self, name, upstream_port, report_only=False):
        self.dir = tempfile.mkdtemp(prefix="nginx-%s-" % name,
                                    dir=os.environ.get("TEST_TMPDIR"))
        os.makedirs(os.path.join(self.dir, "logs"))
        os.makedirs(os.path.join(self.dir, "temp"))
        self.port = free_port()
        with open(SAMPLE_CONF) as f:
            conf = f.read()
        conf = replace_once(conf, 'lua_package_path "/usr/local/share/apprunner_codec/lua/?.lua;;";',
                            'lua_package_path "%s/?.lua;;";' % LUA_DIR, "module path")
        conf = replace_once(conf, "listen 127.0.0.1:8080;", "listen 127.0.0.1:%d;" % self.port,
                            "gateway port")
        conf = replace_once(conf, "server 127.0.0.1:8081;", "server 127.0.0.1:%d;" % upstream_port,
                            "upstream")
        conf = replace_once(conf, "worker_processes auto;", "worker_processes 1;", "workers")
        if report_only:
            conf = replace_once(conf, 'deny = { "Delete*" },',
                                'deny = { "Delete*" }, report_only = true,', "report-only")
        if os.geteuid() == 0:
            # As root the worker would run as nobody, who cannot read the test's temp
            # directory (the body temp files).
            conf = "user root;\n" + conf
        self.conf = os.path.join(self.dir, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(conf)
        env = dict(os.environ, APPRUNNER_CODEC_LIBRARY=LIB)
        if os.environ.get("NGINX_PRELOAD"):
            env["LD_PRELOAD"] = os.environ["NGINX_PRELOAD"]
            env["ASAN_OPTIONS"] = "detect_leaks=0"
        self.out = open(os.path.join(self.dir, "nginx.out"), "wb")
        self.proc = subprocess.Popen([NGINX, "-p", self.dir, "-c", self.conf, "-g", "daemon off;"],
                                     stdout=self.out, stderr=subprocess.STDOUT, env=env,
                                     preexec_fn=_pdeathsig)
        self.watchdog = threading.Timer(WATCHDOG_SECONDS, self.kill)
        self.watchdog.daemon = True
        self.watchdog.start()
        deadline = time.monotonic() + 15
        while True:
            if self.proc.poll() is not None:
                raise AssertionError("nginx %s exited %s:\n%s" % (name, self.proc.returncode, self.logs()))
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.kill()
                    raise AssertionError("nginx %s did not listen:\n%s" % (name, self.logs()))
                time.sleep(0.05)

    def logs(self):
        text = ""
        for name in ("nginx.out", "logs/error.log"):
            try:
                with open(os.path.join(self.dir, name), errors="replace") as f:
                    text += "--- %s\n%s" % (name, f.read()[-4000:])
            except OSError:
                pass
        return text

    def access_log(self):
        try:
            with open(os.path.join(self.dir, "logs", "access.log")) as f:
                return f.read().splitlines()
        except FileNotFoundError:
            return []

    def logged(self):
        """The access log line of the last send(), found by its query marker: nginx
        writes it after the response went out (after a 413, only once it has discarded
        the rest of the body), so wait for it (bounded)."""
        deadline = time.monotonic() + 10
        while True:
            found = [line for line in self.access_log() if self.marker + " HTTP/1.1" in line]
            if found or time.monotonic() > deadline:
                return found[0] if found else "(no access log line with %s)" % self.marker
            time.sleep(0.01)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self):
        self.watchdog.cancel()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful: finishes, then exits
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.out.close()
        return self.proc.returncode


# --- Module fixtures ------------------------------------------------------------------------

UPSTREAM = None
ENFORCE = None
OBSERVE = None
EXPECT = None  # the Python binding with the sample's policy: the verdicts to expect


def setUpModule():
    global UPSTREAM, ENFORCE, OBSERVE, EXPECT
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("SIGTERM"))  # Bazel's timeout: clean up
    UPSTREAM = Upstream()
    threading.Thread(target=UPSTREAM.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    unittest.addModuleCleanup(UPSTREAM.server_close)
    unittest.addModuleCleanup(UPSTREAM.shutdown)
    ENFORCE = Nginx("enforce", UPSTREAM.server_address[1])
    unittest.addModuleCleanup(ENFORCE.stop)
    OBSERVE = Nginx("observe", UPSTREAM.server_address[1], report_only=True)
    unittest.addModuleCleanup(OBSERVE.stop)
    EXPECT = apprunner_codec.Codec(max_body_size=1048576, deny=("Delete*",), library=LIB)


SEQUENCE = 0


def send(gw, body, target="AppRunner.PauseService", content_type=CT, method="POST", path="/",
         chunked=False, extra=()):
    """One request on a fresh connection; returns (status, headers dict lower-case, body)."""
    # A query names the request in the access log (awsJson1_0 ignores the query).
    global SEQUENCE
    SEQUENCE += 1
    gw.marker = "%s%sseq=%d" % (path, "&" if "?" in path else "?", SEQUENCE)
    conn = http.client.HTTPConnection("127.0.0.1", gw.port, timeout=30)
    try:
        conn.putrequest(method, gw.marker, skip_accept_encoding=True)
        if target is not None:
            conn.putheader("X-Amz-Target", target)
        if content_type is not None:
            conn.putheader("Content-Type", content_type)
        for k, v in extra:
            conn.putheader(k, v)
        if chunked:
            conn.putheader("Transfer-Encoding", "chunked")
            conn.endheaders()
            step = 7000
            for i in range(0, len(body), step):
                piece = body[i:i + step]
                conn.send(b"%x\r\n%s\r\n" % (len(piece), piece))
            conn.send(b"0\r\n\r\n")
        else:
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders()
            if body:
                conn.send(body)
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
    finally:
        conn.close()


class Base(unittest.TestCase):
    def setUp(self):
        UPSTREAM.take()

    def assert_forwarded(self, gw, body, target, **kw):
        status, headers, data = send(gw, body, target, **kw)
        self.assertEqual(status, 200, data[:300])
        seen = UPSTREAM.take()
        self.assertEqual(len(seen), 1, "exactly one request upstream")
        rec = seen[0]
        self.assertEqual(rec.method, "POST")
        self.assertEqual(rec.path, gw.marker, "the path and query reach the upstream unchanged")
        self.assertEqual(rec.body, body, "the body reaches the upstream byte-identical")
        self.assertEqual(rec.header("X-Amz-Target"), target)
        self.assertEqual(rec.header("Content-Type"), kw.get("content_type", CT))
        self.assertEqual(rec.header("Content-Length"), str(len(body)))
        for k, v in kw.get("extra", ()):
            self.assertEqual(rec.header(k), v)
        op = target.split(".", 1)[1]
        try:
            self.assertEqual(data, example(op, "response"))
        except OSError:
            self.assertEqual(data, b"{}")
        return rec

    def assert_rejected(self, gw, body, target="AppRunner.PauseService", want_status=None,
                        want_type=None, **kw):
        status, headers, data = send(gw, body, target, **kw)
        self.assertEqual(UPSTREAM.take(), [], "a rejected request never reaches the upstream")
        doc = json.loads(data)
        self.assertEqual(set(doc), {"__type", "Message"})
        self.assertEqual(headers.get("content-type"), CT)
        self.assertEqual(headers.get("x-amzn-errortype"), doc["__type"])
        self.assertEqual(headers.get("content-length"), str(len(data)))
        self.assertRegex(headers.get("x-amzn-requestid", ""), r"^[0-9a-f]{32}$")
        if want_status is not None:
            self.assertEqual(status, want_status)
        if want_type is not None:
            self.assertEqual(doc["__type"], want_type)
        return status, doc


class Forwarded(Base):
    def test_valid_requests_reach_the_upstream_byte_identical(self):
        for op in ("PauseService", "CreateService", "TagResource", "ListServices", "DescribeService"):
            with self.subTest(op=op):
                self.assert_forwarded(ENFORCE, example(op), "AppRunner." + op,
                                      extra=(("X-Amz-Date", "20261205T000000Z"),
                                             ("X-Custom-Trace", "abc-123")))

    def test_content_type_with_parameters_and_case_is_accepted(self):
        self.assert_forwarded(ENFORCE, example("PauseService"), "AppRunner.PauseService",
                              content_type="Application/X-Amz-Json-1.0; charset=utf-8")

    def test_body_in_a_temp_file_is_validated_the_same(self):
        # Over client_body_buffer_size (64k): nginx writes the body to a temp file.
        pad = b" " * 200000
        body = example("CreateService").replace(b"{", b"{" + pad, 1)
        self.assertGreater(len(body), 65536)
        self.assert_forwarded(ENFORCE, body, "AppRunner.CreateService")
        bad = b"{" + pad + b'"ServiceArn":"x"}'
        status, doc = self.assert_rejected(ENFORCE, bad, want_status=400, want_type="InvalidRequestException")
        self.assertEqual(doc["Message"], EXPECT.inspect("POST", "/", "AppRunner.PauseService", CT, bad).message)
        with open(os.path.join(ENFORCE.dir, "logs", "error.log")) as f:
            self.assertIn("buffered to a temporary file", f.read())

    def test_chunked_body(self):
        body = example("CreateService")
        rec = self.assert_forwarded(ENFORCE, body, "AppRunner.CreateService", chunked=True)
        self.assertIsNone(rec.header("Transfer-Encoding"))
        status, doc = self.assert_rejected(ENFORCE, b'{"ServiceArn":""}', chunked=True, want_status=400,
                                           want_type="InvalidRequestException")
        self.assertIn("'serviceArn'", doc["Message"])

    def test_access_log_names_operation_and_verdict(self):
        self.assert_forwarded(ENFORCE, example("PauseService"), "AppRunner.PauseService")
        line = ENFORCE.logged()
        self.assertIn(" 200 ", line)
        self.assertIn("op=PauseService verdict=forward check=None error=-", line)


class Rejected(Base):
    def expect(self, gw, body, target="AppRunner.PauseService", method="POST", path="/",
               content_type=CT, check=None, **kw):
        """Rejected exactly as the Python binding (same library, same policy) says."""
        want = EXPECT.inspect(method, path, target, content_type, body)
        self.assertFalse(want.forward)
        if check is not None:
            self.assertEqual(want.check, check)
        status, doc = self.assert_rejected(gw, body, target, method=method, path=path,
                                           content_type=content_type, **kw)
        self.assertEqual(status, want.status)
        self.assertEqual(doc["__type"], want.error_type)
        self.assertEqual(doc["Message"], want.message)
        line = gw.logged()
        self.assertIn(" %d " % want.status, line)
        self.assertIn("verdict=reject check=%s error=%s" % (want.check, want.error_type), line)
        return doc

    def test_malformed_json(self):
        self.expect(ENFORCE, b'{"ServiceArn": "arn:aws', check="Serialization")
        self.expect(ENFORCE, b'[1,2]', check="Serialization")

    def test_constraint_violations(self):
        doc = self.expect(ENFORCE, b'{"ServiceArn":"x"}', check="Validation")
        self.assertIn("at 'serviceArn' failed to satisfy constraint", doc["Message"])
        bad = json.loads(example("CreateService"))
        bad["ServiceName"] = "-bad name-"
        bad["Tags"][0]["Key"] = ""
        doc = self.expect(ENFORCE, json.dumps(bad).encode(), "AppRunner.CreateService", check="Validation")
        self.assertRegex(doc["Message"], r"^\d+ validation errors detected: ")

    def test_unknown_or_missing_target(self):
        self.expect(ENFORCE, b"{}", target="AppRunner.Nope", check="UnknownOperation")
        self.expect(ENFORCE, b"{}", target=None, check="UnknownOperation")

    def test_wrong_content_type(self):
        self.expect(ENFORCE, example("PauseService"), content_type="application/json", check="ContentType")
        self.expect(ENFORCE, example("PauseService"), content_type=None, check="ContentType")

    def test_wrong_method_and_path(self):
        self.expect(ENFORCE, b"", method="GET", check="Method")
        self.expect(ENFORCE, example("PauseService"), method="PUT", check="Method")
        self.expect(ENFORCE, example("PauseService"), path="/other", check="Path")

    def test_denied_operation(self):
        self.expect(ENFORCE, example("DeleteService"), target="AppRunner.DeleteService", check="Denied")

    def test_body_over_client_max_body_size(self):
        # nginx refuses it before Lua runs; error_page 413 turns that into awsJson.
        body = b"{" + b" " * (1048576 + 100) + b"}"
        status, doc = self.assert_rejected(ENFORCE, body, want_status=413,
                                           want_type="RequestEntityTooLargeException")
        self.assertEqual(doc["Message"], "request body of %d bytes exceeds the limit of 1048576 bytes" % len(body))
        status, doc = self.assert_rejected(ENFORCE, body, chunked=True, want_status=413,
                                           want_type="RequestEntityTooLargeException")
        self.assertEqual(doc["Message"], "request body exceeds the limit of 1048576 bytes")
        self.assertIn("verdict=reject check=BodyTooLarge error=RequestEntityTooLargeException",
                      ENFORCE.logged())

    def test_every_check_kind_is_covered(self):
        # The reject kinds the tests above send, against the C ABI's list.
        kinds = {"BodyTooLarge", "Method", "Path", "ContentType", "UnknownOperation", "Denied",
                 "Serialization", "Validation"}
        lib = ctypes.CDLL(LIB)
        lib.apprunner_codec_check_name.restype = ctypes.c_char_p
        names = {lib.apprunner_codec_check_name(i).decode() for i in range(1, 9)}
        self.assertEqual(names, kinds)


class ReportOnly(Base):
    def test_everything_is_forwarded_and_the_verdict_logged(self):
        cases = [
            (b'{"ServiceArn":"x"}', "AppRunner.PauseService", "Validation", "InvalidRequestException"),
            (b'{"ServiceArn":', "AppRunner.PauseService", "Serialization", "SerializationException"),
            (example("DeleteService"), "AppRunner.DeleteService", "Denied", "AccessDeniedException"),
            (example("PauseService"), "AppRunner.PauseService", "None", "-"),
        ]
        for body, target, check, error in cases:
            with self.subTest(check=check):
                status, _, _ = send(OBSERVE, body, target)
                self.assertEqual(status, 200)
                seen = UPSTREAM.take()
                self.assertEqual(len(seen), 1)
                self.assertEqual(seen[0].body, body)
                self.assertIn("verdict=forward check=%s error=%s" % (check, error), OBSERVE.logged())

    def test_too_large_is_still_refused(self):
        body = b"{" + b" " * (1048576 + 1) + b"}"
        status, doc = self.assert_rejected(OBSERVE, body, want_status=413,
                                           want_type="RequestEntityTooLargeException")


class RealClients(Base):
    def client(self):
        import botocore.session
        from botocore.config import Config
        session = botocore.session.get_session()
        return session.create_client(
            "apprunner", region_name="us-east-1", endpoint_url="http://127.0.0.1:%d" % ENFORCE.port,
            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
            config=Config(parameter_validation=False, retries={"max_attempts": 0}))

    def test_botocore(self):
        from botocore.exceptions import ClientError
        client = self.client()
        want = json.loads(example("PauseService", "response"))["Service"]["ServiceArn"]
        out = client.pause_service(ServiceArn=VALID_ARN)
        self.assertEqual(out["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(out["Service"]["ServiceArn"], want)
        seen = UPSTREAM.take()
        self.assertEqual(len(seen), 1)
        self.assertEqual(json.loads(seen[0].body), {"ServiceArn": VALID_ARN})
        self.assertTrue(seen[0].header("Authorization").startswith("AWS4-HMAC-SHA256 "),
                        "the signature header is forwarded unchanged")
        params = json.loads(example("CreateService"))
        out = client.create_service(**params)
        self.assertEqual(out["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(json.loads(UPSTREAM.take()[0].body), params)
        client.tag_resource(**json.loads(example("TagResource")))
        self.assertEqual(len(UPSTREAM.take()), 1)

        for call, kwargs in ((client.pause_service, {"ServiceArn": "x"}),
                             (client.delete_service, {"ServiceArn": VALID_ARN})):
            with self.subTest(call=call.__name__):
                with self.assertRaises(ClientError) as caught:
                    call(**kwargs)
                self.assertEqual(UPSTREAM.take(), [])
                err = caught.exception.response
                target = "AppRunner." + "".join(w.title() for w in call.__name__.split("_"))
                want = EXPECT.inspect("POST", "/", target, CT, json.dumps(kwargs).encode())
                self.assertEqual(err["Error"]["Code"], want.error_type)
                self.assertEqual(err["Error"]["Message"], want.message)
                self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], want.status)

    def test_js_sdk(self):
        self.assertTrue(JS_DIR and os.path.isdir(os.path.join(JS_DIR, "node_modules")),
                        "APPRUNNER_CODEC_JS_DIR with node_modules (./bazelw runs npm ci)")
        proc = subprocess.run(["node", os.path.join(JS_DIR, "sdk_gateway.mjs"),
                               "http://127.0.0.1:%d" % ENFORCE.port, VALID_ARN, "x"],
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        valid, invalid = [json.loads(line) for line in proc.stdout.splitlines()]
        want_arn = json.loads(example("PauseService", "response"))["Service"]["ServiceArn"]
        self.assertEqual(valid, {"call": "valid", "ok": True, "serviceArn": want_arn, "status": 200})
        want = EXPECT.inspect("POST", "/", "AppRunner.PauseService", CT, b'{"ServiceArn":"x"}')
        self.assertEqual(invalid, {"call": "invalid", "ok": False, "name": want.error_type,
                                   "message": want.message, "status": want.status, "fault": "client"})
        seen = UPSTREAM.take()
        self.assertEqual(len(seen), 1, "only the valid call reached the upstream")
        self.assertEqual(json.loads(seen[0].body), {"ServiceArn": VALID_ARN})


if __name__ == "__main__":
    unittest.main(verbosity=2)
