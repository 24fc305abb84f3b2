#!/usr/bin/env python3
"""Interop checks: PauseService responses and errors, through botocore's own parser.

Run by //tests/interop:botocore_response_test; it never touches the network.

  botocore_response_check.py PAUSESVC EXAMPLES_DIR OUT.jsonl

PAUSESVC is the built //tools:pausesvc; EXAMPLES_DIR holds pause-service-response.json
and pause-service-response.cli.json. Every check below is one case; each case writes one
JSON line {"check", "name", "ok", "detail", "relation"} to OUT.jsonl (detail says what
failed, or what was observed), then a last line {"check": "end", "name": "<count>"} so a
truncated file is detected. The C++ test pins the case names and their count.

  sample      examples/pause-service-response.json: botocore's parse of our canonical
              output equals its parse of the original, both equal the values the JSON
              text states (timestamps as botocore reads them, to the microsecond, tz-aware
              UTC), and a real botocore client (PauseService call answered offline by a
              before-send hook) returns the same.
  lenient     examples/pause-service-response.cli.json through decode-response --lenient.
  generated   botocore_response_gen.py's responses (fixed seed) through decode-response:
              botocore(our output) == botocore(input) == the generator's intended values.
  validated   the conformant ones of those pass our validate-response too.
  timestamp_rules  literal readings of a few timestamps (botocore's datetime, the JS SDK's
              milliseconds) against the generator's Ts models and against botocore itself:
              the conversion rules, pinned.
  timestamps  botocore_response_gen.TIMESTAMP_ROWS (sub-millisecond and sub-microsecond
              values, exponent form, before 1970, the ends of years 1..9999), each in a
              minimal response: decode-response writes exactly Ts.canonical() (the
              shortest exact decimal, Decimal's normalisation), botocore reads the
              original as Ts.botocore_reading() says, and reads our bytes exactly as it
              reads the original's.
  error_encode  encode-error for every error type x message: botocore's parser (with the
              X-Amzn-ErrorType header and without it), its modelled-error parse, a real
              client's exception, and our own decode-error all read the same type, message
              and status.
  error_decode  tricky error responses through decode-error and botocore, against a
              pinned table of what each side does; "relation" says whether they agree.

Exit status: 0 when every case passed, 1 when some failed (the JSONL says which), 2 on
usage errors, 3 when botocore cannot be imported (the test must fail then, never skip).
"""

import datetime
import decimal
import json
import os
import re
import subprocess
import sys

EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_BOTOCORE = 3

UTC = datetime.timezone.utc


def _import_botocore():
    try:
        import botocore  # noqa: F401
        import botocore.session
        from botocore import parsers
    except ImportError as e:
        sys.stderr.write(
            "botocore_response_check.py: FATAL: cannot import botocore with %s (%s): %s\n"
            "Install botocore for the python3 that is first on PATH.\n"
            % (sys.executable, sys.version.split()[0], e))
        sys.exit(EXIT_NO_BOTOCORE)
    return botocore


class Ctx:
    def __init__(self, pausesvc, examples, out):
        self.botocore = _import_botocore()
        import botocore.session
        from botocore import parsers
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import botocore_response_gen as gen
        self.gen = gen
        self.pausesvc = os.path.abspath(pausesvc)
        self.examples = examples
        self.out = out
        self.count = 0
        self.failed = 0
        self.session = botocore.session.get_session()
        self.model = self.session.get_service_model("apprunner")
        self.op = self.model.operation_model("PauseService")
        self.parser = parsers.create_parser(self.model.protocol)
        self._client = None

    # ---- output

    def record(self, check, name, problems, detail="", relation=""):
        ok = not problems
        text = "; ".join(problems) if problems else detail
        if len(text) > 4000:
            text = text[:4000] + "...(%d more characters)" % (len(text) - 4000)
        self.out.write(json.dumps({"check": check, "name": name, "ok": ok, "detail": text,
                                   "relation": relation}, ensure_ascii=True) + "\n")
        self.count += 1
        if not ok:
            self.failed += 1
            printable = text.encode("ascii", "backslashreplace").decode()
            print("FAIL %s/%s: %s" % (check, name, printable))

    # ---- pausesvc

    def pausesvc_run(self, args, stdin=b""):
        p = subprocess.run([self.pausesvc] + args, input=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60)
        return p.returncode, p.stdout, p.stderr

    # ---- botocore

    def parse(self, status, headers, body, shape=None):
        if shape is None:
            shape = self.op.output_shape
        return self.parser.parse({"status_code": status, "headers": headers, "body": body}, shape)

    def client(self):
        """A real botocore client whose PauseService calls are answered by `self.reply`."""
        if self._client is None:
            from botocore.awsrequest import AWSResponse
            from botocore.config import Config

            class Raw:
                def __init__(self, body):
                    self.body = body

                def stream(self, **kwargs):
                    yield self.body

            self._client = self.session.create_client(
                "apprunner", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
            self.sent = []

            def before_send(request, **kwargs):
                self.sent.append(request)
                status, headers, body = self.reply
                return AWSResponse(request.url, status, headers, Raw(body))

            self._client.meta.events.register("before-send.apprunner.PauseService", before_send)
        return self._client

    def client_call(self, status, headers, body):
        """(result, exception) of client.pause_service answered with this response."""
        client = self.client()
        self.reply = (status, headers, body)
        try:
            return client.pause_service(ServiceArn=SAMPLE_ARN), None
        except Exception as e:  # noqa: BLE001 - the exception is the result
            return None, e


SAMPLE_ARN = ("arn:aws:apprunner:us-east-1:123456789012:service/python-app/"
              "8fe1e10304f84fd2b0df550fe98a71fa")


# ---- comparison helpers


def canon(x):
    """x with datetimes made explicit: the exact instant (to the microsecond, printed in
    UTC) and whether it is tz-aware. botocore gives epoch-second timestamps the machine's
    local zone (dateutil tzlocal()) and ISO-8601 strings tzutc(); neither may change the
    instant, and comparing in UTC keeps the test independent of the machine's TZ."""
    if isinstance(x, datetime.datetime):
        if x.tzinfo is None or x.utcoffset() is None:
            return ("naive datetime", x.isoformat(timespec="microseconds"))
        return ("datetime", x.astimezone(UTC).isoformat(timespec="microseconds"))
    if isinstance(x, dict):
        return {k: canon(v) for k, v in x.items()}
    if isinstance(x, list):
        return [canon(v) for v in x]
    return x


def without_metadata(parsed):
    return {k: v for k, v in parsed.items() if k != "ResponseMetadata"}


def first_difference(a, b, path="<root>"):
    """Where canon(a) and canon(b) first differ, for messages."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            where = "%s.%s" % (path, ascii(k)[1:-1])
            if k not in a:
                return "%s: only on the right: %s" % (where, ascii(b[k])[:300])
            if k not in b:
                return "%s: only on the left: %s" % (where, ascii(a[k])[:300])
            d = first_difference(a[k], b[k], where)
            if d:
                return d
        return None
    if isinstance(a, str) and isinstance(b, str) and a != b:
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
        lo = max(0, i - 10)
        return "%s: strings of %d and %d characters first differ at %d: ...%s != ...%s" % (
            path, len(a), len(b), i, ascii(a[lo:i + 20]), ascii(b[lo:i + 20]))
    if a != b:
        return "%s: %s != %s" % (path, ascii(a), ascii(b))
    return None


def compare(problems, what, left, right):
    cl, cr = canon(left), canon(right)
    if cl != cr:
        problems.append("%s differ at %s" % (what, first_difference(cl, cr)))


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def load_json_exact(text):
    """The JSON with numbers as Decimal, so timestamps keep their exact value."""
    return json.loads(text, parse_float=decimal.Decimal, parse_int=decimal.Decimal)


def expected_from_json(gen, shape, value):
    """What the JSON text says, as a client must present it (exact UTC datetimes)."""
    t = shape.type_name
    if value is None:
        return None
    if t == "structure":
        return {k: expected_from_json(gen, shape.members[k], v) for k, v in value.items()
                if k in shape.members and v is not None}
    if t == "map":
        return {k: expected_from_json(gen, shape.value, v) for k, v in value.items()}
    if t == "timestamp":
        return gen.Ts(str(value)).datetime()  # botocore's reading of the number
    if t in ("integer", "long"):
        return int(value)
    return value


def our_decode(ctx, problems, args, body=b""):
    """Runs pausesvc decode-response; returns the output line (bytes) or None."""
    rc, out, err = ctx.pausesvc_run(["decode-response"] + args, body)
    if rc != 0:
        problems.append("pausesvc decode-response %s exited %d: %s"
                        % (" ".join(args), rc, err.decode("utf-8", "replace").strip()))
        return None
    if not out.endswith(b"\n") or out.count(b"\n") != 1:
        problems.append("output is not exactly one line: %r" % out[:200])
    return out.rstrip(b"\n")


# ---- checks


def check_sample(ctx):
    path = os.path.join(ctx.examples, "pause-service-response.json")
    with open(path, "rb") as f:
        original = f.read()
    shape = ctx.op.output_shape

    problems = []
    ours = our_decode(ctx, problems, [path])
    b_orig = ctx.parse(200, {}, original)
    b_ours = ctx.parse(200, {}, ours) if ours is not None else {}
    if ours is not None:
        compare(problems, "botocore(ours) and botocore(original)", b_ours, b_orig)
    ctx.record("sample", "ours_parses_like_the_original", problems,
               "%d bytes in, %d bytes out" % (len(original), len(ours or b"")))

    problems = []
    expected = expected_from_json(ctx.gen, shape, load_json_exact(original.decode("utf-8")))
    compare(problems, "botocore(original) and the JSON's values", without_metadata(b_orig),
            expected)
    compare(problems, "botocore(ours) and the JSON's values", without_metadata(b_ours), expected)
    ctx.record("sample", "every_value_is_what_the_json_says", problems)

    problems = []
    svc = b_ours.get("Service", {})
    asc = svc.get("AutoScalingConfigurationSummary", {})
    code_values = (svc.get("SourceConfiguration", {}).get("CodeRepository", {})
                   .get("CodeConfiguration", {}).get("CodeConfigurationValues", {}))
    pinned = [
        ("Service.CreatedAt", svc.get("CreatedAt"), utc(2020, 11, 20, 19, 5, 25)),
        ("Service.UpdatedAt", svc.get("UpdatedAt"), utc(2020, 11, 23, 12, 41, 37, 123000)),
        ("Service.DeletedAt", svc.get("DeletedAt"), utc(2020, 11, 24, 19, 25, 0)),
        ("AutoScalingConfigurationSummary.CreatedAt", asc.get("CreatedAt"),
         utc(2020, 11, 20, 19, 3, 20, 500000)),
    ]
    for what, got, want in pinned:
        if not isinstance(got, datetime.datetime):
            problems.append("%s is %r, not a datetime" % (what, got))
            continue
        if got.tzinfo is None or got.utcoffset() is None:
            problems.append("%s is not tz-aware: %r" % (what, got))
        elif canon(got) != canon(want):
            problems.append("%s: %s != %s" % (what, got.astimezone(UTC).isoformat(),
                                              want.isoformat()))
    for what, got, want in [
        ("UpdatedAt epoch", svc.get("UpdatedAt") and svc["UpdatedAt"].timestamp(), 1606135297.123),
        ("DeletedAt epoch", svc.get("DeletedAt") and svc["DeletedAt"].timestamp(), 1.6062459e9),
        ("ASCS CreatedAt epoch", asc.get("CreatedAt") and asc["CreatedAt"].timestamp(),
         1605899000.5),
        ("RuntimeEnvironmentVariables", code_values.get("RuntimeEnvironmentVariables"),
         {"NAME": "Jane", "GREETING": "Gr\u00fc\u00df Gott \"\u2603\""}),
        ("ImageConfiguration.RuntimeEnvironmentVariables",
         svc.get("SourceConfiguration", {}).get("ImageRepository", {})
         .get("ImageConfiguration", {}).get("RuntimeEnvironmentVariables"), {}),
        ("HealthCheckConfiguration", svc.get("HealthCheckConfiguration"),
         {"Protocol": "HTTP", "Path": "/health", "Interval": 5, "Timeout": 2,
          "HealthyThreshold": 1, "UnhealthyThreshold": 5}),
        ("AutoScalingConfigurationRevision", asc.get("AutoScalingConfigurationRevision"), 1),
        ("IsDefault", asc.get("IsDefault"), True),
        ("OperationId", b_ours.get("OperationId"), "17fe9f55-7e91-4097-b243-fcabbb69a4cf"),
    ]:
        if got != want or type(got) is not type(want):
            problems.append("%s: %r != %r" % (what, got, want))
    ctx.record("sample", "pinned_values", problems,
               "UpdatedAt as botocore gives it: %r" % (svc.get("UpdatedAt"),))

    problems = []
    result, exc = ctx.client_call(200, {"x-amzn-requestid": "rid-1",
                                        "content-type": "application/x-amz-json-1.0"}, ours or b"")
    if exc is not None:
        problems.append("client.pause_service raised %r" % exc)
    else:
        compare(problems, "client result and botocore(ours)", without_metadata(result),
                without_metadata(b_ours))
        if result["ResponseMetadata"].get("RequestId") != "rid-1":
            problems.append("RequestId %r" % result["ResponseMetadata"].get("RequestId"))
    req = ctx.sent[-1] if ctx.sent else None
    if req is None or req.headers.get("X-Amz-Target") != b"AppRunner.PauseService":
        problems.append("the client did not send AppRunner.PauseService: %r"
                        % (req and req.headers.get("X-Amz-Target")))
    ctx.record("sample", "real_client_returns_the_same", problems)


def check_lenient(ctx):
    path = os.path.join(ctx.examples, "pause-service-response.cli.json")
    problems = []
    rc, out, err = ctx.pausesvc_run(["decode-response", "--lenient", path])
    if rc != 0:
        problems.append("decode-response --lenient exited %d: %s" % (rc, err.decode()))
    b = ctx.parse(200, {}, out) if rc == 0 else {}
    svc = b.get("Service", {})
    code_values = (svc.get("SourceConfiguration", {}).get("CodeRepository", {})
                   .get("CodeConfiguration", {}).get("CodeConfigurationValues", {}))
    for what, got, want in [
        ("CreatedAt", canon(svc.get("CreatedAt")), canon(utc(2020, 11, 20, 19, 5, 25))),
        ("UpdatedAt", canon(svc.get("UpdatedAt")), canon(utc(2020, 11, 23, 12, 41, 37))),
        ("RuntimeEnvironmentVariables", code_values.get("RuntimeEnvironmentVariables"),
         {"NAME": "Jane"}),
        ("InstanceConfiguration", svc.get("InstanceConfiguration"),
         {"Cpu": "1 vCPU", "Memory": "3 GB"}),
        ("ServiceArn", svc.get("ServiceArn"), SAMPLE_ARN),
    ]:
        if got != want:
            problems.append("%s: %r != %r" % (what, got, want))
    deviations = [l for l in err.decode("utf-8", "replace").splitlines()
                  if "accepted (lenient)" in l]
    if len(deviations) != 4:
        problems.append("expected 4 lenient deviations on stderr, got %d: %r"
                        % (len(deviations), deviations))
    ctx.record("lenient", "cli_sample_values", problems,
               "deviations: " + " | ".join(d.split(": ", 2)[-1] for d in deviations))

    problems = []
    rc, out, err = ctx.pausesvc_run(["decode-response", path])
    if rc != 1 or out:
        problems.append("without --lenient: exit %d (want 1), stdout %r" % (rc, out[:100]))
    # What botocore itself makes of the raw CLI form (informational).
    with open(path, "rb") as f:
        raw = f.read()
    try:
        direct = ctx.parse(200, {}, raw)
        seen = "botocore parses the raw CLI sample: InstanceConfiguration=%r" % (
            direct.get("Service", {}).get("InstanceConfiguration"),)
    except Exception as e:  # noqa: BLE001
        seen = "botocore cannot parse the raw CLI sample: %s: %s" % (type(e).__name__, e)
    ctx.record("lenient", "strict_mode_rejects_cli_sample", problems, seen)


def coverage_problems(gen, shape, cases):
    """The corpus must exercise what it exists for; a generator change that drops a
    feature fails here instead of silently thinning the test."""
    decimals, exponent, negative, map_sizes = {}, 0, 0, set()
    present, absent = {}, {}

    def walk(sh, v):
        nonlocal exponent, negative
        t = sh.type_name
        if t == "timestamp":
            d = -min(v.seconds.as_tuple().exponent, 0)
            decimals[d] = decimals.get(d, 0) + 1
            exponent += "e" in v.text.lower()
            negative += v.text.startswith("-")
        elif t == "structure":
            for m, msh in sh.members.items():
                key = "%s.%s" % (sh.name, m)
                if m in v:
                    present[key] = present.get(key, 0) + 1
                    walk(msh, v[m])
                else:
                    absent[key] = absent.get(key, 0) + 1
        elif t == "map":
            map_sizes.add(len(v))

    for name, value, body, conformant in cases:
        if name.startswith("random_"):
            walk(shape, value)
    problems = []
    for d in range(10):  # whole seconds .. nanoseconds
        if decimals.get(d, 0) < 5:
            problems.append("timestamps with %d decimals: %d" % (d, decimals.get(d, 0)))
    if exponent < 5 or negative < 3:
        problems.append("exponent-form timestamps %d, negative %d" % (exponent, negative))
    if 0 not in map_sizes or 20 not in map_sizes:
        problems.append("map sizes %r lack 0 or 20" % sorted(map_sizes))
    for key in sorted(set(present) | set(absent)):
        if not present.get(key):
            problems.append("%s never present" % key)
    required = set()

    def collect(sh, seen):
        if sh.type_name == "structure" and sh.name not in seen:
            seen.add(sh.name)
            required.update("%s.%s" % (sh.name, r) for r in sh.required_members)
            for msh in sh.members.values():
                collect(msh, seen)
        elif sh.type_name == "map":
            collect(sh.value, seen)
    collect(shape, set())
    for key in sorted(present):
        if key not in required and not absent.get(key):
            problems.append("%s never absent" % key)
    wire = b"".join(c[2] for c in cases if c[0].startswith("random_"))
    for label, needle in [
        ("surrogate-pair escape", rb"\\u[dD][89abAB]"), ("\\/ escape", rb"\\/"),
        ("\\b escape", rb"\\b"), ("\\f escape", rb"\\f"), ("\\u0000", rb"\\u0000"),
        ("raw 4-byte UTF-8", rb"[\xf0-\xf4]"), ("raw U+2028", rb"\xe2\x80\xa8"),
        ("raw DEL", rb"\x7f"), ("escaped member name", rb'[{,]\s*"[A-Za-z]*\\u00[4-7]'),
    ]:
        if not re.search(needle, wire):
            problems.append("no %s on the wire" % label)
    return problems, "timestamps by decimals %r, exponent form %d, negative %d, map sizes %r" % (
        dict(sorted(decimals.items())), exponent, negative, sorted(map_sizes))


def check_generated(ctx):
    gen = ctx.gen
    shape = ctx.op.output_shape
    cases = gen.generate()
    problems, detail = coverage_problems(gen, shape, cases)
    ctx.record("generated_coverage", "corpus_exercises_every_feature", problems, detail)
    for name, value, body, conformant in cases:
        problems = []
        if conformant:
            problems += ["generator: " + p for p in gen.check_conformance(shape, value)]
        expected = gen.expected_parse(shape, value)
        try:
            b_in = ctx.parse(200, {}, body)
        except Exception as e:  # noqa: BLE001
            b_in = None
            problems.append("botocore cannot parse the input: %r" % e)
        if b_in is not None:
            compare(problems, "botocore(input) and the intended values", without_metadata(b_in),
                    expected)
        ours = our_decode(ctx, problems, ["-"], body)
        if ours is not None and b_in is not None:
            try:
                json.loads(ours.decode("utf-8"))
            except ValueError as e:
                problems.append("our output is not JSON: %s" % e)
            try:
                compare(problems, "botocore(ours) and botocore(input)", ctx.parse(200, {}, ours),
                        b_in)
            except Exception as e:  # noqa: BLE001
                problems.append("botocore cannot parse our output: %r" % e)
        ctx.record("generated", name, problems,
                   "%d bytes in, %d out" % (len(body), len(ours or b"")))
        if conformant:
            rc, out, err = ctx.pausesvc_run(["validate-response", "-"], body)
            ctx.record("validated", name,
                       [] if rc == 0 else ["validate-response exited %d: %s %s" % (
                           rc, out.decode("utf-8", "replace")[:2000],
                           err.decode("utf-8", "replace")[:500])])


# Literal readings: (JSON number, botocore's (epoch seconds, microseconds) or None where it
# raises, the JS SDK's Date.getTime()). Each text is also a TIMESTAMP_ROWS row, so the JS
# test checks the SDK's side against the real SDK.
TIMESTAMP_RULES = [
    # botocore rounds to the microsecond, never truncates (that would be .123456).
    ("1700000000.123456789", (1700000000, 123457), 1700000000123),
    # Half to even of the double product: the double 2.5000000000000002e-6 is above
    # 2.5 us, but times 1e6 it is the double 2.5, which goes to even (2); 3.5 goes to 4.
    ("0.0000025", (0, 2), 0),
    ("0.0000035", (0, 4), 0),
    ("-0.0000025", (-1, 999998), 0),
    # Floor seconds; the JS SDK's Math.round(-1000.000999..) is -1000.
    ("-1.000001", (-2, 999999), -1000),
    # The double 1096144879.540499925..: botocore rounds it up to .540500 us, while the
    # JS SDK's product 1096144879540.4999 rounds down to 540 ms.
    ("1096144879.5405", (1096144879, 540500), 1096144879540),
    # Math.round(-0.5) is -0, halves go toward +infinity; a Date has no -0.
    ("-0.0005", (-1, 999500), 0),
    # The double 1.000499999.. times 1000 is the double 1000.5: Math.round gives 1001.
    ("1.0005", (1, 500), 1001),
    # The double is 253402300800.0: botocore raises "year 10000 is out of range"; the JS
    # SDK's Date is 10000-01-01.
    ("253402300799.999999", None, 253402300800000),
]


def botocore_reads(value):
    """botocore.utils.parse_timestamp of a number as the JSON parser hands it over:
    ("datetime", (seconds, microseconds)) or ("raises", "ExceptionType: message")."""
    from botocore.utils import parse_timestamp
    try:
        d = parse_timestamp(value)
    except Exception as e:  # noqa: BLE001 - the exception is the result
        return ("raises", "%s: %s" % (type(e).__name__, e))
    delta = d - datetime.datetime(1970, 1, 1, tzinfo=UTC)
    return ("datetime", (delta.days * 86400 + delta.seconds, delta.microseconds))


def check_timestamp_rules(ctx):
    gen = ctx.gen
    problems = []
    for text, botocore_want, sdk_want in TIMESTAMP_RULES:
        ts = gen.Ts(text)
        if text not in gen.TIMESTAMP_ROWS:
            problems.append("%s is not a TIMESTAMP_ROWS row" % text)
        if ts.botocore_reading() != botocore_want:
            problems.append("%s: Ts.botocore_reading() %r, pinned %r"
                            % (text, ts.botocore_reading(), botocore_want))
        if ts.sdk_millis() != sdk_want:
            problems.append("%s: Ts.sdk_millis() %r, pinned %r" % (text, ts.sdk_millis(), sdk_want))
        got = botocore_reads(json.loads(text))
        want = ("datetime", botocore_want) if botocore_want else (
            "raises", "ValueError: year 10000 is out of range")
        if got != want:
            problems.append("%s: botocore reads %r, pinned %r" % (text, got, want))
    ctx.record("timestamp_rules", "pinned_readings", problems,
               "%d readings as pinned" % len(TIMESTAMP_RULES))


def botocore_created_at(ctx, body):
    """botocore's parse of a minimal response: ("datetime", UTC isoformat, tz-aware) or
    ("raises", "ExceptionType: message")."""
    try:
        parsed = ctx.parse(200, {}, body)
    except Exception as e:  # noqa: BLE001 - the exception is the result
        return ("raises", "%s: %s" % (type(e).__name__, e))
    return canon(parsed.get("Service", {}).get("CreatedAt"))


def check_timestamps(ctx):
    gen = ctx.gen
    for text in gen.TIMESTAMP_ROWS:
        problems = []
        ts = gen.Ts(text)
        body = gen.minimal_body(text)
        ours = our_decode(ctx, problems, ["-"], body)
        our_text = None
        if ours is not None:
            m = re.search(rb'"CreatedAt":([^,}]*)', ours)
            our_text = m.group(1).decode("ascii") if m else None
            # The shortest exact decimal: Decimal's normalisation of the value (rounded to
            # the nanosecond), written without an exponent.
            if our_text != ts.canonical():
                problems.append("decode-response wrote CreatedAt %s, the shortest exact "
                                "decimal is %s" % (our_text, ts.canonical()))
        reading = ts.botocore_reading()
        if reading is None:
            want = ("raises", "ValueError: year 10000 is out of range")
        else:
            want = canon(gen.EPOCH + datetime.timedelta(seconds=reading[0],
                                                        microseconds=reading[1]))
        original = botocore_created_at(ctx, body)
        if original != want:
            problems.append("botocore(original) %r, Ts.botocore_reading() says %r"
                            % (original, want))
        from_ours = botocore_created_at(ctx, ours) if ours is not None else None
        if ours is not None and from_ours != original:
            problems.append("botocore(ours) %r != botocore(original) %r (ours wrote %s)"
                            % (from_ours, original, our_text))
        ctx.record("timestamps", text, problems,
                   "ours %s; botocore reads %r" % (our_text, original))


ERROR_TYPES = [
    # (type, HTTP status, one of PauseService's modelled errors)
    ("InvalidRequestException", 400, True),
    ("InvalidStateException", 400, True),
    ("ResourceNotFoundException", 400, True),
    ("InternalServiceErrorException", 500, True),
    ("SerializationException", 400, False),
]

ERROR_MESSAGES = [
    ("plain", "Service not found: " + SAMPLE_ARN),
    ("quotes", 'Value "x" at \'serviceArn\' failed'),
    ("backslash", "C:\\path\\to \\u0041 \\n \\\\ end\\"),
    ("newlines", "line1\nline2\r\nline3\n"),
    ("non_ascii", "Gr\u00fc\u00df \u2603 \u65e5\u672c \U0001F600 \u2028\u2029 \ufeff\uffff"),
    ("controls", "tab\tsoh\x01us\x1fdel\x7f"),
    ("empty", ""),
]


def check_error_encode(ctx):
    op_errors = {s.name for s in ctx.op.error_shapes}
    for etype, status, modelled in ERROR_TYPES:
        if modelled != (etype in op_errors):
            ctx.record("error_encode", etype + "/model", ["botocore's model disagrees on whether "
                                                          "%s is an operation error" % etype])
        for mname, msg in ERROR_MESSAGES:
            problems = []
            rc, out, err = ctx.pausesvc_run(["encode-error", "--type", etype, "--message", msg])
            if rc != 0:
                ctx.record("error_encode", "%s/%s" % (etype, mname),
                           ["encode-error exited %d: %s" % (rc, err.decode("utf-8", "replace"))])
                continue
            body = out[:-1] if out.endswith(b"\n") else out
            err_lines = err.decode("utf-8").splitlines()
            if err_lines != ["HTTP %d" % status, "X-Amzn-ErrorType: %s" % etype]:
                problems.append("stderr %r, expected HTTP %d and the header" % (err_lines, status))
            headers = {"x-amzn-errortype": etype, "content-type": "application/x-amz-json-1.0",
                       "x-amzn-requestid": "rid-err"}
            want_error = {"Code": etype, "Message": msg}
            for label, hdrs in [("with header", headers), ("body only", {})]:
                parsed = ctx.parse(status, hdrs, body)
                if parsed.get("Error") != want_error:
                    problems.append("botocore (%s): Error %r != %r" % (label, parsed.get("Error"),
                                                                     want_error))
                if parsed.get("ResponseMetadata", {}).get("HTTPStatusCode") != status:
                    problems.append("botocore (%s): status %r" % (label, parsed.get(
                        "ResponseMetadata", {}).get("HTTPStatusCode")))
            error_shape = ctx.model.shape_for_error_code(etype)
            if modelled:
                if error_shape is None:
                    problems.append("no botocore error shape for %s" % etype)
                else:
                    fields = ctx.parse(status, headers, body, error_shape)
                    if fields != {"Message": msg}:
                        problems.append("modelled-error parse %r != %r"
                                        % (fields, {"Message": msg}))
            elif error_shape is not None:
                problems.append("botocore has an error shape for %s" % etype)
            # The full client: its exception class, code, message and modelled fields.
            result, exc = ctx.client_call(status, headers, body)
            from botocore.exceptions import ClientError
            if not isinstance(exc, ClientError):
                problems.append("client: expected a ClientError, got %r / %r" % (exc, result))
            else:
                cls = ctx.client().exceptions.from_code(etype)
                if modelled and type(exc) is not cls:
                    problems.append("client raised %s, not %s" % (type(exc).__name__, etype))
                if not modelled and type(exc) is not ClientError:
                    problems.append("client raised %s for an unmodelled error" % type(exc).__name__)
                if exc.response.get("Error") != want_error:
                    problems.append("client Error %r" % exc.response.get("Error"))
                if modelled and exc.response.get("Message") != msg:
                    problems.append("client modelled Message %r" % exc.response.get("Message"))
                if exc.response["ResponseMetadata"].get("HTTPStatusCode") != status:
                    problems.append("client status %r" % exc.response["ResponseMetadata"])
            # Our own decode-error reads it back the same, with and without the header.
            want_ours = {"type": etype, "message": msg, "status": status,
                         "fault": "server" if status >= 500 else "client", "modelled": modelled}
            for label, extra in [("with header", ["--header", "X-Amzn-ErrorType: " + etype]),
                                 ("body only", [])]:
                rc2, out2, err2 = ctx.pausesvc_run(
                    ["decode-error", "--status", str(status)] + extra + ["-"], body)
                got = json.loads(out2) if rc2 == 0 else "exit %d: %s" % (rc2, err2)
                if got != want_ours:
                    problems.append("decode-error (%s): %r != %r" % (label, got, want_ours))
            ctx.record("error_encode", "%s/%s" % (etype, mname), problems, body.decode("utf-8"))


_URL = "http://internal.amazon.com/coral/com.amazon.coral.validate/"

# Tricky error responses: (name, status, X-Amzn-ErrorType header or None, body,
#   botocore's Error {Code, Message}, our decode-error output (type/message/fault/modelled),
#   relation). botocore 1.43's awsJson1_0 parser (JSONParser._do_error_parse) reads the
#   code from the body's "__type" only -- never the header, never "code" -- falls back
#   to str(status), and prefers "message" over "Message". Ours (api/errors.h) takes the
#   header, else "__type", else "code", and prefers "Message".
DECODE_CASES = [
    ("type_namespace_and_url", 400, None,
     '{"__type":"aws.apprunner#ResourceNotFoundException:%s","message":"Service not found"}' % _URL,
     ("ResourceNotFoundException", "Service not found"),
     ("ResourceNotFoundException", "Service not found", "client", True), "agree"),
    ("type_url_suffix_only", 400, None,
     '{"__type":"InvalidStateException:%s","Message":"busy"}' % _URL,
     ("InvalidStateException", "busy"), ("InvalidStateException", "busy", "client", True), "agree"),
    ("type_namespace_only", 400, None,
     '{"__type":"com.amazonaws.apprunner.v20200515#InvalidRequestException","Message":"bad"}',
     ("InvalidRequestException", "bad"), ("InvalidRequestException", "bad", "client", True),
     "agree"),
    ("type_colon_before_hash", 400, None, '{"__type":"a:b#InvalidStateException"}',
     ("a", ""), ("a", None, "client", False), "agree"),
    # A type that sanitizes to nothing: botocore keeps the empty code; ours says none.
    ("type_trailing_hash", 400, None, '{"__type":"aws.apprunner#","Message":"m"}',
     ("", "m"), (None, "m", "client", False), "no_type"),
    # Several '#': Smithy (and ours) keep what follows the first, botocore the last.
    ("type_two_hashes", 400, None, '{"__type":"a#b#InvalidStateException","Message":"m"}',
     ("InvalidStateException", "m"), ("b#InvalidStateException", "m", "client", False),
     "diverge_code"),
    # A numeric "code" is ignored (not a string), so the header's type stands.
    ("numeric_code_with_header", 400, "InvalidRequestException", '{"code":400,"Message":"m"}',
     ("400", "m"), ("InvalidRequestException", "m", "client", True), "diverge_code"),
    ("type_and_code_members", 400, None,
     '{"code":"InvalidRequestException","__type":"InvalidStateException","Message":"m"}',
     ("InvalidStateException", "m"), ("InvalidStateException", "m", "client", True), "agree"),
    ("unmodelled_type", 429, None, '{"__type":"ThrottlingException","message":"Rate exceeded"}',
     ("ThrottlingException", "Rate exceeded"),
     ("ThrottlingException", "Rate exceeded", "client", False), "agree"),
    ("internal_error_500", 500, None,
     '{"__type":"InternalServiceErrorException","Message":"oops"}',
     ("InternalServiceErrorException", "oops"),
     ("InternalServiceErrorException", "oops", "server", True), "agree"),
    ("header_and_body_agree", 400, "aws.apprunner#InvalidStateException:" + _URL,
     '{"__type":"InvalidStateException","Message":"m"}',
     ("InvalidStateException", "m"), ("InvalidStateException", "m", "client", True), "agree"),
    ("lowercase_message", 400, None, '{"__type":"InvalidRequestException","message":"lower"}',
     ("InvalidRequestException", "lower"), ("InvalidRequestException", "lower", "client", True),
     "agree"),
    # botocore ignores a "code" member in awsJson1_0 (its RestJSONParser reads it).
    ("code_member_only", 400, None, '{"code":"InvalidStateException","message":"m"}',
     ("400", "m"), ("InvalidStateException", "m", "client", True), "diverge_code"),
    # botocore's awsJson1_0 parser never looks at X-Amzn-ErrorType.
    ("header_overrides_body", 400, "ResourceNotFoundException",
     '{"__type":"InvalidStateException","Message":"m"}',
     ("InvalidStateException", "m"), ("ResourceNotFoundException", "m", "client", True),
     "diverge_code"),
    ("header_only_empty_object", 400, "InvalidRequestException", "{}",
     ("400", ""), ("InvalidRequestException", None, "client", True), "diverge_code"),
    ("header_only_empty_body", 400, "InvalidRequestException", "",
     ("400", ""), ("InvalidRequestException", None, "client", True), "diverge_code"),
    ("both_message_spellings", 400, None,
     '{"__type":"InvalidRequestException","message":"lower","Message":"upper"}',
     ("InvalidRequestException", "lower"), ("InvalidRequestException", "upper", "client", True),
     "diverge_message"),
    # No type anywhere: botocore makes the code str(status); ours says type null.
    ("no_type_400", 400, None, '{"message":"m"}', ("400", "m"), (None, "m", "client", False),
     "no_type"),
    ("no_type_500", 500, None, '{"Message":"m"}', ("500", "m"), (None, "m", "server", False),
     "no_type"),
    ("no_type_empty_object_404", 404, None, "{}", ("404", ""), (None, None, "client", False),
     "no_type"),
    # botocore's generic-error path (5xx with an empty body): message from the status line.
    ("no_type_empty_body_503", 503, None, "", ("503", "Service Unavailable"),
     (None, None, "server", False), "no_type"),
]


def check_error_decode(ctx):
    for name, status, header, body, (b_code, b_msg), ours_want, relation in DECODE_CASES:
        problems = []
        body_bytes = body.encode("utf-8")
        headers = {} if header is None else {"x-amzn-errortype": header}
        parsed = ctx.parse(status, headers, body_bytes)
        b_error = parsed.get("Error")
        if b_error != {"Code": b_code, "Message": b_msg}:
            problems.append("botocore Error %r, pinned %r" % (b_error, {"Code": b_code,
                                                                       "Message": b_msg}))
        args = ["decode-error", "--status", str(status)]
        if header is not None:
            args += ["--header", "X-Amzn-ErrorType: " + header]
        rc, out, err = ctx.pausesvc_run(args + ["-"], body_bytes)
        ours = json.loads(out) if rc == 0 else None
        want = {"type": ours_want[0], "message": ours_want[1], "status": status,
                "fault": ours_want[2], "modelled": ours_want[3]}
        if ours != want:
            problems.append("decode-error %r (exit %d, %s), pinned %r"
                            % (ours, rc, err.decode("utf-8", "replace").strip(), want))
        # The relation, observed rather than declared.
        if ours is None or b_error is None:
            observed = "error"
        elif ours["type"] is None:
            observed = "no_type"
        elif ours["type"] != b_error["Code"]:
            observed = "diverge_code"
        elif (ours["message"] or "") != b_error["Message"]:
            observed = "diverge_message"
        else:
            observed = "agree"
        if observed != relation:
            problems.append("relation %s, pinned %s" % (observed, relation))
        if observed == "no_type" and '"__type"' not in body and str(status) != b_error.get("Code"):
            problems.append("botocore's code without a type is %r, not the status" % b_error)
        ctx.record("error_decode", name, problems,
                   "status %d header %r body %r: botocore %r; ours %s"
                   % (status, header, body, b_error, out.decode("utf-8").strip()), observed)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return EXIT_USAGE
    pausesvc, examples, out_path = argv[1:]
    with open(out_path, "w", encoding="ascii", newline="\n") as out:
        ctx = Ctx(pausesvc, examples, out)
        out.write(json.dumps({"check": "meta", "name": "botocore " + ctx.botocore.__version__,
                              "ok": True, "detail": "python " + sys.version.split()[0],
                              "relation": ""}) + "\n")
        check_sample(ctx)
        check_lenient(ctx)
        check_generated(ctx)
        check_timestamp_rules(ctx)
        check_timestamps(ctx)
        check_error_encode(ctx)
        check_error_decode(ctx)
        out.write(json.dumps({"check": "end", "name": str(ctx.count), "ok": ctx.failed == 0,
                              "detail": "%d failed" % ctx.failed, "relation": ""}) + "\n")
    print("botocore %s (python %s): %d cases, %d failed"
          % (ctx.botocore.__version__, sys.version.split()[0], ctx.count, ctx.failed))
    return EXIT_CHECK_FAILED if ctx.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
