"""Tests of python/apprunner_codec.py (the ctypes binding of libapprunner_codec.so.1).

Run by //tests/python:binding_test (binding_test.sh): PYTHONPATH holds python/, and
APPRUNNER_CODEC_LIBRARY names the library in the runfiles, APPRUNNER_CODEC_EXAMPLES
examples/operations. By hand, from the workspace root:

    ./bazelw build //capi:libapprunner_codec.so.1
    APPRUNNER_CODEC_LIBRARY=$PWD/bazel-bin/capi/libapprunner_codec.so.1 \\
      PYTHONPATH=python:tests/python python3 -m unittest -v binding_test
"""

import dataclasses
import gc
import json
import os
import subprocess
import sys
import threading
import unittest

import apprunner_codec as ac

LIBRARY = os.environ.get(ac.LIBRARY_ENV, "")
EXAMPLES = os.environ.get("APPRUNNER_CODEC_EXAMPLES") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "operations")

JSON = "application/x-amz-json-1.0"
TARGET = "AppRunner.PauseService"
ARN = "arn:aws:apprunner:us-east-1:123456789012:service/my-app/8fe1e10304f84fd2b0df550fe98a71fa"
VALID = json.dumps({"ServiceArn": ARN}, separators=(",", ":"))
VALID_BYTES = VALID.encode()

# One request per reject kind: (name, Codec kwargs, inspect args, check, status, error type).
REJECTS = [
    ("body too large", {"max_body_size": 16}, ("POST", "/", TARGET, JSON, VALID),
     "BodyTooLarge", 413, "RequestEntityTooLargeException"),
    ("method", {}, ("GET", "/", TARGET, JSON, VALID),
     "Method", 405, "MethodNotAllowedException"),
    ("path", {}, ("POST", "/services", TARGET, JSON, VALID),
     "Path", 400, "UnknownOperationException"),
    ("path 404", {"unknown_operation_status": 404}, ("POST", "/services", TARGET, JSON, VALID),
     "Path", 404, "UnknownOperationException"),
    ("content type", {}, ("POST", "/", TARGET, "application/json", VALID),
     "ContentType", 415, "UnsupportedMediaTypeException"),
    ("missing content type", {}, ("POST", "/", TARGET, None, VALID),
     "ContentType", 415, "UnsupportedMediaTypeException"),
    ("missing target", {}, ("POST", "/", None, JSON, VALID),
     "UnknownOperation", 400, "UnknownOperationException"),
    ("unknown target", {}, ("POST", "/", "AppRunner.RebootService", JSON, VALID),
     "UnknownOperation", 400, "UnknownOperationException"),
    ("unknown target 404", {"unknown_operation_status": 404},
     ("POST", "/", "AppRunner.RebootService", JSON, VALID),
     "UnknownOperation", 404, "UnknownOperationException"),
    ("denied", {"allow": ("Describe*", "List*")}, ("POST", "/", TARGET, JSON, VALID),
     "Denied", 400, "AccessDeniedException"),
    ("malformed JSON", {}, ("POST", "/", TARGET, JSON, '{"ServiceArn":'),
     "Serialization", 400, "SerializationException"),
    ("wrong JSON type", {}, ("POST", "/", TARGET, JSON, '{"ServiceArn":17}'),
     "Serialization", 400, "SerializationException"),
    ("constraint", {}, ("POST", "/", TARGET, JSON, "{}"),
     "Validation", 400, "InvalidRequestException"),
]


def accepted(test, verdict, operation="PauseService"):
    test.assertEqual(verdict, ac.Verdict(
        forward=True, check="None", status=200, operation=operation, content_type=JSON,
        error_type=None, message="", body=b"", violations=(), violation_count=0))
    test.assertEqual(verdict.headers(), {})
    test.assertFalse(verdict.rejected)


class ModuleTest(unittest.TestCase):

    def test_library_from_environment(self):
        self.assertTrue(LIBRARY, "APPRUNNER_CODEC_LIBRARY is not set")
        self.assertIs(ac.load_library(), ac.load_library(LIBRARY))

    def test_version(self):
        v = ac.version()
        self.assertRegex(v, r"^1\.\d+\.\d+$")
        major, minor, patch = map(int, v.split("."))
        self.assertEqual(ac.version_number(), major * 10000 + minor * 100 + patch)

    def test_operations(self):
        ops = ac.operations()
        self.assertIsInstance(ops, list)
        self.assertEqual(len(ops), 37)
        self.assertEqual(ops, sorted(ops))
        self.assertEqual(len(set(ops)), len(ops))
        for name in ("PauseService", "ResumeService", "CreateService", "ListServices"):
            self.assertIn(name, ops)
        ops.append("x")  # a copy: the module's list is unchanged
        self.assertEqual(len(ac.operations()), 37)

    def test_explicit_path_wins(self):
        c = ac.Codec(library=LIBRARY)
        accepted(self, c.inspect("POST", "/", TARGET, JSON, VALID))
        c.close()
        with self.assertRaises(OSError):
            ac.Codec(library=os.path.join(os.path.dirname(LIBRARY), "no-such-library.so"))

    def _load_in_child(self, env):
        code = "import apprunner_codec as a; print(a.version(), len(a.operations()))"
        return subprocess.run([sys.executable, "-B", "-c", code], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)

    def test_load_by_soname(self):
        # Without APPRUNNER_CODEC_LIBRARY, "libapprunner_codec.so.1" through the dynamic
        # linker's search: found with LD_LIBRARY_PATH, an OSError without.
        env = dict(os.environ)
        del env[ac.LIBRARY_ENV]
        env["LD_LIBRARY_PATH"] = os.path.dirname(LIBRARY)
        p = self._load_in_child(env)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertEqual(p.stdout.decode().split(), [ac.version(), "37"])
        env["LD_LIBRARY_PATH"] = "/nonexistent"
        p = self._load_in_child(env)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn(b"OSError", p.stderr)
        self.assertIn(b"libapprunner_codec.so.1", p.stderr)


class InspectTest(unittest.TestCase):

    def setUp(self):
        self.codec = ac.Codec()

    def tearDown(self):
        self.codec.close()

    def test_accepts_pause_service(self):
        accepted(self, self.codec.inspect("POST", "/", TARGET, JSON, VALID_BYTES))
        accepted(self, self.codec.inspect("POST", "/", TARGET, JSON, VALID))  # str: UTF-8
        accepted(self, self.codec.inspect(b"POST", b"/", TARGET.encode(), JSON.encode(),
                                          bytearray(VALID_BYTES)))
        accepted(self, self.codec.inspect("POST", "/", TARGET, JSON, memoryview(VALID_BYTES)))

    def test_accepts_tolerated_variants(self):
        accepted(self, self.codec.inspect("POST", "/", TARGET,
                                          "Application/X-Amz-Json-1.0; charset=utf-8", VALID))
        accepted(self, self.codec.inspect("POST", "/?x=1", TARGET, JSON, VALID))

    def test_every_reject_kind(self):
        for name, kwargs, args, check, status, etype in REJECTS:
            with self.subTest(name), ac.Codec(**kwargs) as c:
                v = c.inspect(*args)
                self.assertFalse(v.forward)
                self.assertTrue(v.rejected)
                self.assertEqual(v.check, check)
                self.assertEqual(v.status, status)
                self.assertEqual(v.error_type, etype)
                self.assertEqual(v.content_type, JSON)
                self.assertTrue(v.message)
                self.assertEqual(json.loads(v.body), {"__type": etype, "Message": v.message})
                self.assertEqual(v.headers(), {"Content-Type": JSON, "X-Amzn-ErrorType": etype,
                                               "Content-Length": str(len(v.body))})
                self.assertEqual(int(v.headers()["Content-Length"]), len(v.body))
                if check == "Validation":
                    self.assertGreater(v.violation_count, 0)
                else:
                    self.assertEqual((v.violations, v.violation_count), ((), 0))
                # Dispatched (operation known) only from the policy check on.
                dispatched = check in ("Denied", "Serialization", "Validation")
                self.assertEqual(v.operation, "PauseService" if dispatched else None)

    def test_messages(self):
        c = self.codec
        self.assertIn("'GET'", c.inspect("GET", "/", TARGET, JSON, VALID).message)
        self.assertIn("'/services'", c.inspect("POST", "/services", TARGET, JSON, VALID).message)
        self.assertIn("missing X-Amz-Target", c.inspect("POST", "/", None, JSON, VALID).message)
        self.assertIn("missing Content-Type", c.inspect("POST", "/", TARGET, None, VALID).message)
        with ac.Codec(max_body_size=16) as small:
            self.assertEqual(small.inspect("POST", "/", TARGET, JSON, VALID).message,
                             "request body of %d bytes exceeds the limit of 16 bytes" % len(VALID))

    def test_absent_and_empty_headers_are_the_same(self):
        for args in [("POST", "/", None, JSON, VALID), ("POST", "/", "", JSON, VALID),
                     ("POST", "/", TARGET, None, VALID), ("POST", "/", TARGET, "", VALID)]:
            with self.subTest(args):
                self.assertFalse(self.codec.inspect(*args).forward)
        self.assertEqual(self.codec.inspect("POST", "/", None, JSON, VALID),
                         self.codec.inspect("POST", "/", "", JSON, VALID))

    def test_constraint_violation_paths(self):
        v = self.codec.inspect("POST", "/", TARGET, JSON, b"{}")
        self.assertEqual(v.check, "Validation")
        self.assertEqual(v.violation_count, 1)
        self.assertEqual(v.violations, (ac.Violation(
            "serviceArn", "Member must not be null",
            "Value null at 'serviceArn' failed to satisfy constraint: Member must not be null"),))
        self.assertEqual(v.message, "1 validation error detected: " + v.violations[0].message)

        body = json.dumps({"ResourceArn": ARN, "Tags": [{"Key": "a", "Value": "b"},
                                                        {"Key": "", "Value": "c"}]})
        v = self.codec.inspect("POST", "/", "AppRunner.TagResource", JSON, body)
        self.assertEqual(v.check, "Validation")
        self.assertEqual(v.operation, "TagResource")
        self.assertEqual(v.violation_count, len(v.violations))
        self.assertGreaterEqual(v.violation_count, 1)
        self.assertEqual({x.path for x in v.violations}, {"tags.2.member.key"})
        for x in v.violations:
            self.assertIsInstance(x, ac.Violation)
            self.assertIn("at 'tags.2.member.key' failed to satisfy constraint: " + x.constraint,
                          x.message)
            self.assertIn(x.message, v.message)
        self.assertTrue(v.message.startswith("%d validation error" % v.violation_count))

    def test_many_violations_are_capped(self):
        tags = [{"Key": "", "Value": "v"}] * 100
        v = self.codec.inspect("POST", "/", "AppRunner.TagResource", JSON,
                               json.dumps({"ResourceArn": ARN, "Tags": tags}))
        self.assertEqual(v.check, "Validation")
        self.assertGreater(v.violation_count, 64)
        self.assertEqual(len(v.violations), 64)
        self.assertEqual(v.violations[0].path, "tags.1.member.key")

    def test_body_limit_boundary(self):
        with ac.Codec(max_body_size=len(VALID)) as c:
            accepted(self, c.inspect("POST", "/", TARGET, JSON, VALID))
            c.set_max_body_size(len(VALID) - 1)
            v = c.inspect("POST", "/", TARGET, JSON, VALID)
            self.assertEqual((v.check, v.status), ("BodyTooLarge", 413))
            # Checked first: before the method, the path and the headers.
            self.assertEqual(c.inspect("GET", "/x", None, None, VALID).check, "BodyTooLarge")

    def test_reject_body_too_large(self):
        # The gateway refused the body before reading it (nginx's client_max_body_size):
        # the same 413 answer inspect gives, rejected even in report-only mode.
        with ac.Codec(max_body_size=len(VALID) - 1, report_only=True) as c:
            seen = c.inspect("POST", "/", TARGET, JSON, VALID)
            v = c.reject_body_too_large(len(VALID))
            self.assertFalse(v.forward)
            self.assertEqual((v.check, v.status, v.error_type), ("BodyTooLarge", 413, "RequestEntityTooLargeException"))
            self.assertEqual((v.message, v.body), (seen.message, seen.body))
            self.assertEqual(c.reject_body_too_large().message,
                             "request body exceeds the limit of %d bytes" % (len(VALID) - 1))
            for bad in (-1, 1.5, "10", True):
                with self.assertRaises(ValueError):
                    c.reject_body_too_large(bad)

    def test_verdict_is_an_immutable_copy(self):
        v1 = self.codec.inspect("POST", "/", TARGET, JSON, "{}")
        snapshot = dataclasses.replace(v1)
        self.codec.inspect("GET", "/", TARGET, JSON, VALID)
        self.codec.allow("List*")  # configuration invalidates the C result
        self.codec.inspect("POST", "/", TARGET, JSON, VALID)
        self.assertEqual(v1, snapshot)
        self.assertEqual(v1.violations[0].path, "serviceArn")
        with self.assertRaises(dataclasses.FrozenInstanceError):
            v1.status = 200
        with self.assertRaises(dataclasses.FrozenInstanceError):
            v1.violations[0].path = "x"
        self.assertIsInstance(v1.violations, tuple)
        self.assertIsInstance(v1.body, bytes)
        hash(v1)

    def test_embedded_nul_is_data(self):
        c = self.codec
        cases = [
            # Valid JSON, then a NUL and more: truncating at the NUL would accept it.
            VALID_BYTES + b"\x00",
            VALID_BYTES + b"\x00{",
            # A NUL inside the string, before it, between tokens.
            VALID_BYTES[:-2] + b"\x00\"}",
            b"\x00" + VALID_BYTES,
            VALID_BYTES.replace(b":", b":\x00", 1),
        ]
        for body in cases:
            with self.subTest(body=body):
                v = c.inspect("POST", "/", TARGET, JSON, body)
                self.assertFalse(v.forward)
                self.assertEqual((v.check, v.status, v.error_type),
                                 ("Serialization", 400, "SerializationException"))
                self.assertEqual(json.loads(v.body)["Message"], v.message)
        v = c.inspect("POST", "/", TARGET, JSON, VALID_BYTES + b"\x00")
        self.assertIn("byte %d" % len(VALID_BYTES), v.message)
        # In the headers too, and echoed back exactly (escaped in the JSON body).
        v = c.inspect("POST", "/", TARGET + "\x00", JSON, VALID)
        self.assertEqual(v.check, "UnknownOperation")
        self.assertIn("'AppRunner.PauseService\x00'", v.message)
        self.assertIn(b"\\u0000", v.body)
        self.assertEqual(json.loads(v.body)["Message"], v.message)
        v = c.inspect("POST", "/", TARGET, JSON + "\x00", VALID)
        self.assertEqual(v.check, "ContentType")
        self.assertEqual(c.inspect("POST\x00", "/", TARGET, JSON, VALID).check, "Method")
        self.assertEqual(c.inspect("POST", "/\x00", TARGET, JSON, VALID).check, "Path")

    def test_message_equals_body_for_any_bytes(self):
        # Request bytes quoted in a message (method, path, headers) that are not UTF-8:
        # Verdict.message is decoded as the library repairs the body's Message.
        for junk in [b"\xff", b"\xc3", b"\x9b\x91\xff\xc9\x11", b"\xe0\x80\x80x", b"\xed\xa0\x80",
                     b"\xf4\x90\x80\x80", b"ok\xc3\xa9", b"\"\\\x01\x7f", b"\xf0\x9f\x98"]:
            for i in range(4):
                args = [b"POST", b"/", TARGET.encode(), JSON.encode(), VALID_BYTES]
                args[i] = (args[i] if i == 1 else b"") + junk
                with self.subTest(junk=junk, field=i):
                    v = self.codec.inspect(*args)
                    self.assertFalse(v.forward)
                    self.assertEqual(json.loads(v.body.decode("utf-8")),
                                     {"__type": v.error_type, "Message": v.message})

    def test_non_ascii_body(self):
        body = json.dumps({"ResourceArn": ARN, "Tags": [{"Key": "équipe", "Value": "café ☕"}]},
                          ensure_ascii=False)
        accepted(self, self.codec.inspect("POST", "/", "AppRunner.TagResource", JSON, body),
                 "TagResource")
        bad_utf8 = body.encode("utf-8").replace("é".encode(), b"\xe9", 1)
        v = self.codec.inspect("POST", "/", "AppRunner.TagResource", JSON, bad_utf8)
        self.assertEqual(v.check, "Serialization")

    def test_argument_types(self):
        c = self.codec
        with self.assertRaises(TypeError):
            c.inspect("POST", "/", TARGET, JSON, 17)
        with self.assertRaises(TypeError):
            c.inspect(None, "/", TARGET, JSON, VALID)
        with self.assertRaises(TypeError):
            c.inspect("POST", None, TARGET, JSON, VALID)
        # None body: empty.
        self.assertEqual(c.inspect("POST", "/", TARGET, JSON, None).check, "Serialization")
        self.assertEqual(c.inspect("POST", "/", TARGET, JSON).check, "Serialization")


class ReportOnlyTest(unittest.TestCase):

    def test_would_be_rejections_are_forwarded(self):
        for name, kwargs, args, check, status, etype in REJECTS:
            with self.subTest(name), ac.Codec(**kwargs) as enforcing, \
                    ac.Codec(report_only=True, **kwargs) as reporting:
                want = enforcing.inspect(*args)
                got = reporting.inspect(*args)
                self.assertTrue(got.forward)
                self.assertTrue(got.rejected)
                self.assertEqual((got.check, got.status, got.error_type),
                                 (check, status, etype))
                self.assertEqual(got, dataclasses.replace(want, forward=True))
                self.assertEqual(got.headers(), want.headers())

    def test_valid_request(self):
        with ac.Codec(report_only=True) as c:
            accepted(self, c.inspect("POST", "/", TARGET, JSON, VALID))

    def test_toggle(self):
        with ac.Codec() as c:
            self.assertFalse(c.inspect("POST", "/", TARGET, JSON, "{}").forward)
            c.set_report_only(True)
            self.assertTrue(c.inspect("POST", "/", TARGET, JSON, "{}").forward)
            c.set_report_only(False)
            self.assertFalse(c.inspect("POST", "/", TARGET, JSON, "{}").forward)


class PolicyTest(unittest.TestCase):

    def test_allow_list(self):
        with ac.Codec(allow=("Describe*", "List*")) as c:
            self.assertFalse(c.is_allowed("PauseService"))
            self.assertTrue(c.is_allowed("ListServices"))
            self.assertTrue(c.is_allowed("DescribeService"))
            v = c.inspect("POST", "/", TARGET, JSON, VALID)
            self.assertEqual((v.check, v.status, v.error_type, v.operation),
                             ("Denied", 400, "AccessDeniedException", "PauseService"))
            self.assertIn("PauseService", v.message)
            accepted(self, c.inspect("POST", "/", "AppRunner.ListServices", JSON, "{}"),
                     "ListServices")
            c.clear_policy()
            self.assertTrue(c.is_allowed("PauseService"))
            accepted(self, c.inspect("POST", "/", TARGET, JSON, VALID))

    def test_deny_wins(self):
        with ac.Codec(allow="Pause*", deny=["PauseService"]) as c:  # a str is one pattern
            self.assertFalse(c.is_allowed("PauseService"))
            self.assertFalse(c.is_allowed("ResumeService"))
            self.assertEqual(c.inspect("POST", "/", TARGET, JSON, VALID).check, "Denied")
        with ac.Codec() as c:
            c.deny("Delete*")
            self.assertFalse(c.is_allowed("DeleteService"))
            self.assertTrue(c.is_allowed("PauseService"))
            c.allow(b"*")
            self.assertTrue(c.is_allowed("PauseService"))
            self.assertFalse(c.is_allowed("DeleteConnection"))

    def test_denial_is_checked_before_the_body(self):
        with ac.Codec(allow=("List*",)) as c:
            self.assertEqual(c.inspect("POST", "/", TARGET, JSON, "{").check, "Denied")

    def test_unknown_names(self):
        with ac.Codec() as c:
            for bad in ("Nope*", "pauseService", "", "PauseServices"):
                with self.subTest(bad):
                    with self.assertRaises(ac.InvalidArgumentError) as cm:
                        c.allow(bad)
                    self.assertIn("matches no operation", cm.exception.message)
                    with self.assertRaises(ac.InvalidArgumentError):
                        c.deny(bad)
            # Nothing changed: everything still allowed.
            self.assertTrue(all(c.is_allowed(op) for op in ac.operations()))
            with self.assertRaises(ac.InvalidArgumentError) as cm:
                c.is_allowed("Nope")
            self.assertIn("Nope", str(cm.exception))
            with self.assertRaises(TypeError):
                c.allow(None)


class ConfigurationTest(unittest.TestCase):

    def assertInvalid(self, **kwargs):
        with self.assertRaises(ac.InvalidArgumentError) as cm:
            ac.Codec(**kwargs)
        e = cm.exception
        self.assertIsInstance(e, ValueError)
        self.assertIsInstance(e, ac.CodecError)
        self.assertEqual(e.status, ac.INVALID_ARGUMENT)
        self.assertEqual(e.status_name, "INVALID_ARGUMENT")
        self.assertTrue(e.message)
        self.assertIn(e.message, str(e))
        return e

    def test_bad_configuration_raises(self):
        self.assertIn("matches no operation", self.assertInvalid(allow=("Nope*",)).message)
        self.assertIn("'Bogus'", self.assertInvalid(deny=("Bogus",)).message)
        for size in (0, -1, 2 ** 31 + 1, 2 ** 64 - 1):
            with self.subTest(max_body_size=size):
                self.assertIn("max body size", self.assertInvalid(max_body_size=size).message)
        for status in (0, 200, 403, 500):
            with self.subTest(unknown_operation_status=status):
                self.assertIn("400 or 404",
                              self.assertInvalid(unknown_operation_status=status).message)
        with self.assertRaises(TypeError):
            ac.Codec(max_body_size="10")
        with self.assertRaises(TypeError):
            ac.Codec(max_body_size=True)

    def test_bounds_accepted(self):
        for size in (1, 2 ** 31):
            with ac.Codec(max_body_size=size):
                pass

    def test_failed_setter_changes_nothing(self):
        with ac.Codec(max_body_size=len(VALID)) as c:
            with self.assertRaises(ValueError):
                c.set_max_body_size(0)
            with self.assertRaises(ValueError):
                c.set_unknown_operation_status(401)
            accepted(self, c.inspect("POST", "/", TARGET, JSON, VALID))
            self.assertEqual(c.inspect("POST", "/x", TARGET, JSON, VALID).status, 400)
            c.set_unknown_operation_status(404)
            self.assertEqual(c.inspect("POST", "/x", TARGET, JSON, VALID).status, 404)


class LifetimeTest(unittest.TestCase):

    def test_close_and_context_manager(self):
        c = ac.Codec()
        with c as same:
            self.assertIs(same, c)
            self.assertFalse(c.closed)
        self.assertTrue(c.closed)
        c.close()  # idempotent
        for call in (lambda: c.inspect("POST", "/", TARGET, JSON, VALID),
                     lambda: c.allow("List*"), lambda: c.is_allowed("PauseService"),
                     lambda: c.clear_policy(), lambda: c.set_report_only(True)):
            with self.assertRaises(ValueError):
                call()
        with self.assertRaises(ValueError):
            with c:
                pass
        self.assertIn("closed", repr(c))

    def test_del_is_safe(self):
        for _ in range(200):
            c = ac.Codec(allow=("List*",))
            c.inspect("POST", "/", TARGET, JSON, VALID)
            del c
        # Half-constructed objects (the constructor raised after create, or before).
        for _ in range(50):
            with self.assertRaises(ValueError):
                ac.Codec(max_body_size=0)
            with self.assertRaises(OSError):
                ac.Codec(library="/nonexistent/libapprunner_codec.so.1")
        c = ac.Codec()
        c.close()
        del c
        gc.collect()

    def test_concurrent_use_is_refused(self):
        # The guard a second thread would find taken (deterministic: taken by hand here).
        c = ac.Codec()
        self.assertTrue(c._guard.acquire(blocking=False))
        try:
            with self.assertRaises(RuntimeError):
                c.inspect("POST", "/", TARGET, JSON, VALID)
            with self.assertRaises(RuntimeError):
                c.allow("List*")
            with self.assertRaises(RuntimeError):
                c.close()
        finally:
            c._guard.release()
        accepted(self, c.inspect("POST", "/", TARGET, JSON, VALID))
        c.close()

    def test_handing_over_between_threads(self):
        # One thread at a time is fine (the C ABI's rule).
        c = ac.Codec()
        out = []
        t = threading.Thread(target=lambda: out.append(c.inspect("POST", "/", TARGET, JSON, VALID)))
        t.start()
        t.join()
        accepted(self, out[0])
        accepted(self, c.inspect("POST", "/", TARGET, JSON, VALID))
        c.close()


class ExamplesTest(unittest.TestCase):

    def test_every_operation_accepts_its_example(self):
        ops = ac.operations()
        files = sorted(f for f in os.listdir(EXAMPLES) if f.endswith(".request.json"))
        self.assertEqual(files, sorted(op + ".request.json" for op in ops))
        with ac.Codec() as c:
            for op in ops:
                with self.subTest(op):
                    with open(os.path.join(EXAMPLES, op + ".request.json"), "rb") as f:
                        body = f.read()
                    accepted(self, c.inspect("POST", "/", "AppRunner." + op, JSON, body), op)
                    self.assertIs(c.is_allowed(op), True)


class ThreadsTest(unittest.TestCase):

    def test_one_codec_per_thread(self):
        # Expected verdicts computed first, on one thread; then 4 threads, one Codec each,
        # 500 inspects each alternating valid and invalid requests (every reject kind
        # that needs no special configuration, in turn).
        invalid = [args for _, kwargs, args, *_ in REJECTS if not kwargs]
        with ac.Codec() as c:
            want_valid = c.inspect("POST", "/", TARGET, JSON, VALID)
            want_invalid = [c.inspect(*args) for args in invalid]
        accepted(self, want_valid)
        errors = []
        counts = [0] * 4
        barrier = threading.Barrier(4)

        def work(n):
            try:
                with ac.Codec() as codec:
                    barrier.wait()
                    for i in range(500):
                        if i % 2 == 0:
                            got, want = codec.inspect("POST", "/", TARGET, JSON, VALID), want_valid
                        else:
                            k = (i // 2 + n) % len(invalid)
                            got, want = codec.inspect(*invalid[k]), want_invalid[k]
                        if got != want:
                            errors.append((n, i, got, want))
                        counts[n] += 1
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append((n, repr(e)))

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(errors[:3], [])
        self.assertEqual(counts, [500] * 4)


class BotocoreTest(unittest.TestCase):
    """The reject responses (status, headers(), body) read by botocore as AWS's."""

    @classmethod
    def setUpClass(cls):
        import botocore.session  # fails, never skips, without botocore
        from botocore import parsers
        from botocore.awsrequest import HeadersDict
        cls.HeadersDict = HeadersDict
        cls.session = botocore.session.get_session()
        cls.model = cls.session.get_service_model("apprunner")
        cls.parser = parsers.create_parser(cls.model.protocol)
        cls.op = cls.model.operation_model("PauseService")

    def rejects(self):
        for name, kwargs, args, check, status, etype in REJECTS:
            with ac.Codec(**kwargs) as c:
                v = c.inspect(*args)
            yield name, v

    def test_protocol(self):
        self.assertEqual(self.model.protocol, "json")
        self.assertEqual(self.model.metadata["jsonVersion"], "1.0")

    def test_parser_reads_code_and_message(self):
        for name, v in self.rejects():
            with self.subTest(name):
                for label, headers in [("headers", self.HeadersDict(v.headers())),
                                       ("lower-case dict", {k.lower(): x
                                                            for k, x in v.headers().items()}),
                                       ("body only", {})]:
                    parsed = self.parser.parse({"status_code": v.status, "headers": headers,
                                                "body": v.body}, self.op.output_shape)
                    self.assertEqual(parsed.get("Error"),
                                     {"Code": v.error_type, "Message": v.message}, label)
                    self.assertEqual(parsed["ResponseMetadata"]["HTTPStatusCode"], v.status)

    def test_client_raises_the_error(self):
        from botocore.awsrequest import AWSResponse
        from botocore.config import Config
        from botocore.exceptions import ClientError

        class Raw:
            def __init__(self, body):
                self.body = body

            def stream(self, **kwargs):
                yield self.body

        client = self.session.create_client(
            "apprunner", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
        sent = []
        reply = {}

        def before_send(request, **kwargs):
            sent.append(request)
            return AWSResponse(request.url, reply["status"], reply["headers"],
                               Raw(reply["body"]))

        client.meta.events.register("before-send.apprunner", before_send)
        for name, v in self.rejects():
            with self.subTest(name):
                reply.update(status=v.status, headers=self.HeadersDict(v.headers()), body=v.body)
                with self.assertRaises(ClientError) as cm:
                    client.pause_service(ServiceArn=ARN)
                e = cm.exception
                self.assertEqual(e.response["Error"], {"Code": v.error_type, "Message": v.message})
                self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], v.status)
                self.assertEqual(e.operation_name, "PauseService")

        # What botocore itself sends for PauseService is accepted by the codec.
        self.assertTrue(sent)
        req = sent[-1]
        with ac.Codec() as c:
            body = req.body if isinstance(req.body, bytes) else req.body.encode()
            accepted(self, c.inspect(req.method, "/", req.headers["X-Amz-Target"],
                                     req.headers["Content-Type"], body))


if __name__ == "__main__":
    unittest.main()
