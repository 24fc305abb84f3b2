#!/usr/bin/env python3
"""Interop fixture for the whole App Runner API: values generated from botocore's model.

Run by //tests/interop:botocore_service_test (and by the JS SDK test for its samples);
it never touches the network. Everything comes from botocore's own copy of the model
(`apprunner` service-2.json), not from this repository's model or generated code, so it
is an independent oracle.

  service_cases.py gen OUT.jsonl
      One JSON line per case:
        {"kind": "request", "op", "target", "name", "body_b64"}
            a valid request serialized by botocore's awsJson1_0 serializer (with its
            parameter validation on) from parameters that exercise every member: every
            string at its minimum and maximum valid length, every enum value, integers at
            their bounds, lists of 0, 1 and 3 elements, maps of 0, 1 and 2 entries, and a
            set with only the required members.
        {"kind": "reject", "op", "target", "name", "constraint", "body_b64", "message"}
            one constraint broken (required, min/max length, pattern, enum, range, list
            element, map key/value), serialized by botocore with validation off; "message"
            is the exact InvalidRequestException message the service gives, computed here
            from the model (AWS's form: 1-based list paths, "Map keys must satisfy
            constraint: [...]", sensitive values never echoed).
        {"kind": "unknown_target", "op", "target"}
            the operation's name with its first letter's case flipped: no operation.
        {"kind": "response", "op", "name", "body_b64"}
            a response body filling every member of the operation's output (timestamps
            with 0 to 9 fraction digits), as the service writes it.
        {"kind": "error", "op", "type", "status", "message"}
            every error the operation models, with the status the Smithy model gives
            (botocore's model lacks @httpError; 402 for ServiceQuotaExceededException).

  service_cases.py check GEN.jsonl OURS.jsonl
      OURS.jsonl holds the C++ side's results, one line per case of GEN:
        request:  {"name", "encoded_b64"}  our canonical re-encoding of the decoded request
        response: {"name", "encoded_b64"}  our canonical re-encoding of the decoded response
        error:    {"op", "type", "status", "header", "body_b64"}  our EncodeError output
      Checks that each re-encoded request is the same JSON value as botocore's bytes, that
      botocore's response parser reads each re-encoded response into exactly what it
      reads from the original, and that it reads each error as that error, message and
      status.

  service_cases.py samples DIR
      Writes DIR/<Operation>.request.json and DIR/<Operation>.response.json: one full
      valid request and response per operation (deterministic).

  service_cases.py jsparams DIR
      For the JS SDK test (//tests/interop:js_sdk_service_test): writes DIR/<Operation>.json,
        {"op", "target",
         "requests": [{"name", "params", "botocore_body"}],
         "output_timestamps": [PATH, ...]}
      "requests" holds exactly the parameter sets of gen's request rows (same names, same
      order: v0.., required_only) as the SDK's input: JSON, with a timestamp written
      {"$timestamp": "<ISO 8601, UTC, microseconds>"} (no request member is a timestamp
      today); "botocore_body" is botocore's serialization of them (gen's body_b64, as
      text). "output_timestamps" lists where the output has timestamp members, as paths
      of member names with "[]" for a list element and "{}" for a map value
      (e.g. "OperationSummaryList[].StartedAt").

Exit status: 0 on success, 1 on a failed check, 2 on usage errors, 3 when botocore
cannot be imported (the test must fail then, never skip).
"""

import base64
import copy
import datetime
import decimal
import json
import re
import sys

EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_BOTOCORE = 3

# The Smithy model's @httpError for each error shape (botocore's JSON model drops it).
# model/apprunner.json carries the same facts, read from the JS SDK; this copy keeps the
# oracle independent of the repository's own files.
HTTP_STATUS = {
    "InvalidRequestException": 400,
    "InvalidStateException": 400,
    "ResourceNotFoundException": 400,
    "InternalServiceErrorException": 500,
    "ServiceQuotaExceededException": 402,
}

ACCOUNT = "123456789012"
UUID = "8fe1e103-04f8-4fd2-b0df-550fe98a71fa"


def _import_botocore():
    try:
        import botocore  # noqa: F401
        import botocore.session
        from botocore import parsers, serialize
    except ImportError as e:
        sys.stderr.write(
            "service_cases.py: FATAL: cannot import botocore with %s: %s\n" % (sys.executable, e))
        sys.exit(EXIT_NO_BOTOCORE)
    return botocore, botocore.session, serialize, parsers


# ---- patterns ------------------------------------------------------------------------

def ecma_to_python(pattern):
    """The model's pattern (ECMA-262 dialect) for Python's re with re.ASCII: '.' outside
    classes is ECMA-262's [^\\n\\r\\u2028\\u2029] (Python's '.' excludes only \\n)."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if pattern[i + 1:i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1:i + 2] == "]":
                out.append("]")
                i += 1
        elif c == ".":
            out.append("[^\\n\\r\\u2028\\u2029]")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def matches(pattern, value):
    return re.fullmatch(ecma_to_python(pattern), value, re.ASCII) is not None


def _fill(prefix, suffix, length, filler):
    n = length - len(prefix) - len(suffix)
    if n < 0:
        return None
    return prefix + (filler * (n // len(filler) + 1))[:n] + suffix


def _name(length):  # [A-Za-z0-9][A-Za-z0-9\-_]{3,39}
    return _fill("n", "", length, "ame-_9")


def _text(length):
    # Code points beyond ASCII (2-, 3- and 4-byte UTF-8), a quote and a backslash: lengths
    # count code points, and every byte of them must survive both codecs.
    return _fill("", "", length, "t\u00e9\u2713\U0001F600\"\\x")


# Valid values by pattern: (min valid length, max valid length or None, builder(length)),
# or a fixed list of values.
def _arn(length):
    base = "arn:aws:apprunner:us-east-1:" + ACCOUNT + ":service/"
    if length >= len(base) + 1:
        return _fill(base, "", length, "py-app/" + UUID.replace("-", ""))
    return _fill("arn:aws:::" + ACCOUNT + ":", "", length, "x")


def _kms(length):
    return _fill("arn:aws:kms:", "-1:" + ACCOUNT + ":key/" + UUID, length, "us-east")


def _image(length):
    if length >= 60:
        return _fill("public.ecr.aws/aws-containers/", ":latest", length, "hello-app-runner")
    if length >= 56:
        return _fill(ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/", "", length, "repo")
    return _fill("public.ecr.aws/a/", "", length, "repo")


PATTERN_VALUES = {
    "arn:aws(-[\\w]+)*:[a-z0-9-\\\\.]{0,63}:[a-z0-9-\\\\.]{0,63}:[0-9]{12}:(\\w|\\/|-){1,1011}": (24, None, _arn),
    "[A-Za-z0-9][A-Za-z0-9\\-_]{3,31}": (4, 32, _name),
    "[A-Za-z0-9][A-Za-z0-9\\-_]{3,39}": (4, 40, _name),
    "[A-Za-z0-9][A-Za-z0-9-_]{3,39}": (4, 40, _name),
    "[^\\x0a\\x0d]+": (1, None, lambda n: _fill("", "", n, "python3 app.py --port 8080 ")),
    "256|512|1024|2048|4096|(0.25|0.5|1|2|4) vCPU":
        ["256", "512", "1024", "2048", "4096", "0.25 vCPU", "0.5 vCPU", "1 vCPU", "2 vCPU", "4 vCPU"],
    "512|1024|2048|3072|4096|6144|8192|10240|12288|(0.5|1|2|3|4|6|8|10|12) GB":
        ["512", "1024", "2048", "3072", "4096", "6144", "8192", "10240", "12288", "0.5 GB", "1 GB",
         "2 GB", "3 GB", "4 GB", "6 GB", "8 GB", "10 GB", "12 GB"],
    "[0-9]{12}": [ACCOUNT],
    "[A-Za-z0-9*.-]{1,255}": (1, 255, lambda n: _fill("", "", n, "www.example-1.com*")),
    "arn:aws(-[\\w]+)*:kms:[a-z\\-]+-[0-9]{1}:[0-9]{12}:key\\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}":
        (69, None, _kms),
    ".*": (0, None, _text),
    "arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::[0-9]{12}:(role|role\\/service-role)\\/[\\w+=,.@\\-/]{1,1000}":
        (32, 1031, lambda n: _fill("arn:aws:iam::" + ACCOUNT + ":role/", "", n, "AppRunner=Role,x.y@z-/")),
    "[^\\x00]+": (1, None, lambda n: _fill("/", "", n, "src/app\u00e9/")),
    "^(?!aws:).+": (1, None, lambda n: _fill("k", "", n, "ey-\u00e9aws:")),
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}": [UUID],
}
# The ImageIdentifier pattern is long; matched by prefix.
IMAGE_PREFIX = "([0-9]{12}.dkr.ecr."

# A value of valid length that breaks the pattern, per pattern.
PATTERN_BREAKERS = {
    "[A-Za-z0-9][A-Za-z0-9\\-_]{3,31}": "-abc",
    "[A-Za-z0-9][A-Za-z0-9\\-_]{3,39}": "_abc",
    "[A-Za-z0-9][A-Za-z0-9-_]{3,39}": "ab c",
    "[^\\x0a\\x0d]+": "run\rnow",
    "256|512|1024|2048|4096|(0.25|0.5|1|2|4) vCPU": "3 vCPU",
    "512|1024|2048|3072|4096|6144|8192|10240|12288|(0.5|1|2|3|4|6|8|10|12) GB": "7 GB",
    "[0-9]{12}": "12345678901a",
    "[A-Za-z0-9*.-]{1,255}": "exa mple.com",
    ".*": "line\nbreak",
    "[^\\x00]+": "src\x00dir",
    "^(?!aws:).+": "aws:reserved",
}


def string_values(shape):
    """(min_value, max_value, mid_value, breaker or None) for a string shape."""
    lo = shape.metadata.get("min", 0)
    hi = shape.metadata.get("max")
    pattern = shape.metadata.get("pattern")
    if shape.name == "ServiceId":  # model defect: length 32, pattern 36; length enforced
        v = UUID.replace("-", "")
        return v, v, v, None, None
    if pattern is None:
        build, pmin, pmax = _text, 0, None
    elif pattern.startswith(IMAGE_PREFIX):
        build, pmin, pmax = _image, 18, None
    else:
        spec = PATTERN_VALUES[pattern]
        if isinstance(spec, list):
            fits = [v for v in spec if lo <= len(v) and (hi is None or len(v) <= hi)]
            fits.sort(key=len)
            return fits[0], fits[-1], fits[len(fits) // 2], PATTERN_BREAKERS.get(pattern), fits
        pmin, pmax, build = spec
    vmin = max(lo, pmin)
    vmax = min(x for x in (hi, pmax, 300) if x is not None) if hi is None else min(hi, pmax or hi)
    mid = min(max(vmin, 12), vmax)
    values = (build(vmin), build(vmax), build(mid))
    for v in values:
        assert v is not None and (pattern is None or matches(pattern, v)), (shape.name, v)
    breaker = None
    if pattern is not None and not pattern.startswith(IMAGE_PREFIX):
        breaker = PATTERN_BREAKERS.get(pattern)
    elif pattern is not None:
        breaker = "docker.io/library/nginx:latest"
    if pattern is None and hi is None and lo == 0:
        breaker = None
    return values[0], values[1], values[2], breaker, None


# ---- values --------------------------------------------------------------------------

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
# Epoch-second texts with 0 to 9 fraction digits, as the service may write them.
TIMESTAMPS = ["1700000000", "1700000000.5", "1700000000.123", "1700000000.123456",
              "1700000000.123456789", "-1.5", "0", "253402300799.999"]


class Raw(str):
    """A number written as is (an epoch-second timestamp in a response body)."""


class Gen:
    def __init__(self, model):
        self.model = model

    def value(self, shape, variant, required_only, strings):
        t = shape.type_name
        if t == "structure":
            out = {}
            for name, member in shape.members.items():
                if required_only and name not in shape.required_members:
                    continue
                out[name] = self.value(member, variant, required_only, strings)
            return out
        if t == "list":
            n = [1, 1, 3, 0][variant % 4] if variant < 4 else 2
            return [self.value(shape.member, variant + i, required_only, strings) for i in range(n)]
        if t == "map":
            n = [1, 1, 2, 0][variant % 4] if variant < 4 else 1
            out = {}
            for i in range(n):
                k = self.value(shape.key, variant, required_only, strings)
                k = (k + str(i)) if len(k) < shape.key.metadata.get("max", 10 ** 9) else k[:-1] + str(i)
                out[k] = self.value(shape.value, variant + i, required_only, strings)
            return out
        if t == "string":
            if shape.enum:
                return shape.enum[variant % len(shape.enum)]
            vmin, vmax, mid, _, fixed = string_values(shape)
            if fixed:
                return fixed[variant % len(fixed)]
            return [vmin, vmax][variant] if variant < 2 else mid
        if t == "integer":
            lo = shape.metadata.get("min", -2 ** 31)
            hi = shape.metadata.get("max", 2 ** 31 - 1)
            return [lo, hi][variant] if variant < 2 else (lo + hi) // 2 if hi - lo < 1000 else lo + variant
        if t == "boolean":
            return variant % 2 == 0
        if t == "timestamp":
            return Raw(TIMESTAMPS[variant % len(TIMESTAMPS)])
        raise ValueError("no value for %s %s" % (shape.name, t))

    def variants(self, shape):
        """Variant count that shows every enum value reachable from `shape` (at least 4)."""
        most = 4
        seen = set()

        def walk(s):
            nonlocal most
            if s.name in seen:
                return
            seen.add(s.name)
            if s.type_name == "structure":
                for m in s.members.values():
                    walk(m)
            elif s.type_name == "list":
                walk(s.member)
            elif s.type_name == "map":
                walk(s.key)
                walk(s.value)
            elif s.type_name == "string" and s.enum:
                most = max(most, len(s.enum))
            elif s.type_name == "string":
                fixed = string_values(s)[4]
                if fixed:
                    most = max(most, len(fixed))
        walk(shape)
        return most


def to_params(v):
    """Raw timestamps as datetimes (botocore's serializer input)."""
    if isinstance(v, Raw):
        d = decimal.Decimal(v)
        return EPOCH + datetime.timedelta(microseconds=int(d * 1000000))
    if isinstance(v, dict):
        return {k: to_params(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_params(x) for x in v]
    return v


def to_json(v):
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + to_json(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(to_json(x) for x in v) + "]"
    return json.dumps(v)


# ---- rejections ----------------------------------------------------------------------

def lower_camel(name):
    return name[:1].lower() + name[1:]


def violations(shape, value, sensitive=False):
    """The constraints `value` (of leaf `shape`) breaks, in the validator's order."""
    out = []
    if shape.type_name == "string" and shape.enum:
        if value not in shape.enum:
            out.append("Member must satisfy enum value set: [%s]" % ", ".join(shape.enum))
        return out
    if shape.type_name == "string":
        n = len(value)
        if "min" in shape.metadata and n < shape.metadata["min"]:
            out.append("Member must have length greater than or equal to %d" % shape.metadata["min"])
        if "max" in shape.metadata and n > shape.metadata["max"]:
            out.append("Member must have length less than or equal to %d" % shape.metadata["max"])
        p = shape.metadata.get("pattern")
        if p is not None and shape.name != "ServiceId" and not matches(p, value):
            out.append("Member must satisfy regular expression pattern: " + p)
        return out
    if shape.type_name == "integer":
        if "min" in shape.metadata and value < shape.metadata["min"]:
            out.append("Member must have value greater than or equal to %d" % shape.metadata["min"])
        if "max" in shape.metadata and value > shape.metadata["max"]:
            out.append("Member must have value less than or equal to %d" % shape.metadata["max"])
    return out


def message(items):
    n = len(items)
    return "%d validation error%s detected: %s" % (n, "" if n == 1 else "s", "; ".join(items))


def item(value, path, constraint, sensitive, part=None):
    if value is None:
        v = "Value null"
    elif sensitive:
        v = "Value"
    else:
        v = "Value '%s'" % value
    if part is not None:
        constraint = "%s must satisfy constraint: [%s]" % (part, constraint)
    return "%s at '%s' failed to satisfy constraint: %s" % (v, path, constraint)


def rejections(gen, op, base):
    """(name, constraint, params, message): one broken constraint each, at most one per
    kind and place, from the valid parameters `base`."""
    out = []
    seen = set()

    def walk(shape, value, path, depth):
        if depth > 8:
            return
        for name, member in shape.members.items():
            mpath = (path + "." if path else "") + lower_camel(name)
            sensitive = member.metadata.get("sensitive", False)

            def setter(v, name=name, value=value):
                value[name] = v
            if name in shape.required_members and ("required", shape.name, name) not in seen:
                seen.add(("required", shape.name, name))
                saved = value.pop(name)
                out.append(("required " + mpath, "required",
                            message([item(None, mpath, "Member must not be null", False)]),
                            copy.deepcopy(base)))
                value[name] = saved
            if name not in value:
                continue
            leaf(member, value[name], mpath, sensitive, setter, depth)

    def leaf(member, current, mpath, sensitive, setter, depth, part=None, kind_prefix=""):
        t = member.type_name
        if t == "structure":
            walk(member, current, mpath, depth + 1)
            return
        if t == "list":
            if not current:
                return
            el = member.member
            epath = mpath + ".1.member"
            if el.type_name == "structure":
                walk(el, current[0], epath, depth + 1)
            else:
                def set_el(v, current=current):
                    current[0] = v
                leaf(el, current[0], epath, el.metadata.get("sensitive", False), set_el, depth,
                     kind_prefix="list element ")
            return
        if t == "map":
            if not current:
                return
            k0 = next(iter(current))
            v0 = current[k0]
            for part, sub in (("Map keys", member.key), ("Map value", member.value)):
                bad = bad_values(sub)
                if not bad:
                    continue
                constraint_kind, bad_value = bad[0]
                key = ("map", member.name, part)
                if key in seen:
                    continue
                seen.add(key)
                if part == "Map keys":
                    current[bad_value] = current.pop(k0)
                else:
                    current[k0] = bad_value
                items = [item(bad_value, mpath, c, member.key.metadata.get("sensitive", False)
                              or sub.metadata.get("sensitive", False) or sensitive, part)
                         for c in violations(sub, bad_value)]
                out.append(("%s %s (%s)" % (part.lower(), mpath, constraint_kind),
                            "map " + ("key" if part == "Map keys" else "value"),
                            message(items), copy.deepcopy(base)))
                if part == "Map keys":
                    current[k0] = current.pop(bad_value)
                else:
                    current[k0] = v0
            return
        for constraint_kind, bad_value in bad_values(member):
            key = (kind_prefix + constraint_kind, member.name)
            if key in seen:
                continue
            seen.add(key)
            setter(bad_value)
            items = [item(bad_value, mpath, c, sensitive) for c in violations(member, bad_value)]
            assert items, (member.name, bad_value)
            out.append(("%s%s %s" % (kind_prefix, constraint_kind, mpath),
                        kind_prefix + constraint_kind, message(items),
                        copy.deepcopy(base)))
            setter(current)

    walk(op.input_shape, base, "", 0)
    return out


def bad_values(shape):
    """(kind, value) pairs that each break a constraint of leaf `shape`."""
    out = []
    t = shape.type_name
    if t == "string" and shape.enum:
        return [("enum", "NOT_A_" + shape.enum[0])]
    if t == "string":
        vmin, vmax, mid, breaker, fixed = string_values(shape)
        lo = shape.metadata.get("min", 0)
        if lo > 0:
            out.append(("min length", (vmin or "x" * lo)[:lo - 1]))
        if "max" in shape.metadata:
            hi = shape.metadata["max"]
            longer = (vmax + "x" * (hi + 1))[:hi + 1] if fixed is None else fixed[0] + "0" * (hi + 1 - len(fixed[0]))
            out.append(("max length", longer))
        if breaker is not None:
            out.append(("pattern", breaker))
        return out
    if t == "integer":
        if "min" in shape.metadata:
            out.append(("range", shape.metadata["min"] - 1))
        if "max" in shape.metadata:
            out.append(("range", shape.metadata["max"] + 1))
    return out


# ---- gen / check / samples -----------------------------------------------------------

def load():
    botocore, session_mod, serialize, parsers = _import_botocore()
    model = session_mod.get_session().get_service_model("apprunner")
    return botocore, model, serialize, parsers


def cases(model, serialize):
    gen = Gen(model)
    validating = serialize.create_serializer("json", include_validation=True)
    lenient = serialize.create_serializer("json", include_validation=False)
    prefix = model.metadata["targetPrefix"]
    for name in model.operation_names:
        op = model.operation_model(name)
        target = prefix + "." + name
        n = gen.variants(op.input_shape)
        sets = [("v%d" % k, gen.value(op.input_shape, k, False, None)) for k in range(n)]
        sets.append(("required_only", gen.value(op.input_shape, 2, True, None)))
        for label, params in sets:
            req = validating.serialize_to_request(to_params(params), op)
            yield {"kind": "request", "op": name, "target": target, "name": name + "/" + label,
                   "body_b64": base64.b64encode(req["body"]).decode("ascii")}
        base = gen.value(op.input_shape, 2, False, None)
        for label, kind, msg, params in rejections(gen, op, base):
            req = lenient.serialize_to_request(to_params(params), op)
            yield {"kind": "reject", "op": name, "target": target, "name": name + "/" + label,
                   "constraint": kind, "message": msg,
                   "body_b64": base64.b64encode(req["body"]).decode("ascii")}
        yield {"kind": "unknown_target", "op": name,
               "target": prefix + "." + name[0].swapcase() + name[1:]}
        out_shape = op.output_shape
        if out_shape is not None:
            for k in range(min(gen.variants(out_shape), 8)):
                body = to_json(gen.value(out_shape, k, False, None)).encode("utf-8")
                yield {"kind": "response", "op": name, "name": "%s/response-v%d" % (name, k),
                       "body_b64": base64.b64encode(body).decode("ascii")}
        for e in op.error_shapes:
            yield {"kind": "error", "op": name, "type": e.name, "status": HTTP_STATUS[e.name],
                   "message": "%s of %s: \u00e9\u2713 \"quoted\" \U0001F600" % (e.name, name)}


def gen_command(out_path):
    botocore, model, serialize, _ = load()
    counts = {}
    with open(out_path, "w", encoding="ascii", newline="\n") as out:
        for row in cases(model, serialize):
            counts[row["kind"]] = counts.get(row["kind"], 0) + 1
            out.write(json.dumps(row, ensure_ascii=True) + "\n")
    print("botocore %s: %d operations; %s" % (botocore.__version__, len(model.operation_names),
                                              ", ".join("%d %s" % (v, k) for k, v in sorted(counts.items()))))
    return 0


def check_command(gen_path, ours_path):
    _, model, _, parsers = load()
    parser = parsers.create_parser("json")
    gen_rows = [json.loads(l) for l in open(gen_path, encoding="ascii") if l.strip()]
    ours = [json.loads(l) for l in open(ours_path, encoding="ascii") if l.strip()]
    by_name = {o["name"]: o for o in ours if "name" in o}
    failures, checked = [], 0
    for row in gen_rows:
        kind = row["kind"]
        if kind in ("request", "response"):
            mine = by_name.get(row["name"])
            if mine is None:
                failures.append("%s: no result from the C++ side" % row["name"])
                continue
            original = base64.b64decode(row["body_b64"])
            encoded = base64.b64decode(mine["encoded_b64"])
            if kind == "request":
                if json.loads(encoded) != json.loads(original):
                    failures.append("%s: re-encoded request differs:\n  ours %r\n  botocore %r"
                                    % (row["name"], encoded[:300], original[:300]))
            else:
                shape = model.operation_model(row["op"]).output_shape
                want = parser.parse({"body": original, "headers": {}, "status_code": 200}, shape)
                got = parser.parse({"body": encoded, "headers": {}, "status_code": 200}, shape)
                want.pop("ResponseMetadata", None)
                got.pop("ResponseMetadata", None)
                if got != want:
                    failures.append("%s: botocore reads our response differently" % row["name"])
            checked += 1
        elif kind == "error":
            mine = [o for o in ours if o.get("op") == row["op"] and o.get("type") == row["type"]]
            if len(mine) != 1:
                failures.append("%s %s: no error result" % (row["op"], row["type"]))
                continue
            m = mine[0]
            body = base64.b64decode(m["body_b64"])
            shape = model.operation_model(row["op"]).output_shape
            parsed = parser.parse({"body": body, "headers": {"x-amzn-errortype": m["header"]},
                                   "status_code": m["status"]}, shape)
            err = parsed.get("Error", {})
            status = parsed["ResponseMetadata"]["HTTPStatusCode"]
            if (err.get("Code") != row["type"] or err.get("Message") != row["message"]
                    or status != row["status"] or m["status"] != row["status"]):
                failures.append("%s %s: botocore reads %r, status %r (want status %d)"
                                % (row["op"], row["type"], err, status, row["status"]))
            checked += 1
    for f in failures[:40]:
        print("FAIL " + f)
    print("%d checked, %d failed" % (checked, len(failures)))
    return EXIT_CHECK_FAILED if failures or checked == 0 else 0


def samples_command(directory):
    import os
    _, model, serialize, _ = load()
    gen = Gen(model)
    ser = serialize.create_serializer("json", include_validation=True)
    for name in model.operation_names:
        op = model.operation_model(name)
        req = ser.serialize_to_request(to_params(gen.value(op.input_shape, 2, False, None)), op)
        with open(os.path.join(directory, name + ".request.json"), "wb") as f:
            f.write(req["body"] + b"\n")
        with open(os.path.join(directory, name + ".response.json"), "wb") as f:
            f.write(to_json(gen.value(op.output_shape, 2, False, None)).encode("utf-8") + b"\n")
    print("wrote %d operations' samples to %s" % (len(model.operation_names), directory))
    return 0


def to_js_params(v):
    """Parameters as JSON for the JS SDK: a timestamp as {"$timestamp": ISO 8601}."""
    if isinstance(v, Raw):
        return {"$timestamp": to_params(v).isoformat(timespec="microseconds").replace("+00:00", "Z")}
    if isinstance(v, dict):
        return {k: to_js_params(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_js_params(x) for x in v]
    return v


def timestamp_paths(shape):
    """Paths of the timestamp members reachable from `shape` ("a.b[].c", "m{}.d")."""
    out = []

    def walk(s, path, stack):
        if s.name in stack:
            return
        t = s.type_name
        if t == "timestamp":
            out.append(path)
        elif t == "structure":
            for name, member in s.members.items():
                walk(member, (path + "." if path else "") + name, stack | {s.name})
        elif t == "list":
            walk(s.member, path + "[]", stack | {s.name})
        elif t == "map":
            walk(s.value, path + "{}", stack | {s.name})
    if shape is not None:
        walk(shape, "", frozenset())
    return out


def jsparams_command(directory):
    import os
    _, model, serialize, _ = load()
    gen = Gen(model)
    validating = serialize.create_serializer("json", include_validation=True)
    prefix = model.metadata["targetPrefix"]
    total = 0
    for name in model.operation_names:
        op = model.operation_model(name)
        # The same parameter sets, names and order as cases() yields for "request" rows.
        n = gen.variants(op.input_shape)
        sets = [("v%d" % k, gen.value(op.input_shape, k, False, None)) for k in range(n)]
        sets.append(("required_only", gen.value(op.input_shape, 2, True, None)))
        requests = []
        for label, params in sets:
            req = validating.serialize_to_request(to_params(params), op)
            requests.append({"name": label, "params": to_js_params(params),
                             "botocore_body": req["body"].decode("utf-8")})
        doc = {"op": name, "target": prefix + "." + name, "requests": requests,
               "output_timestamps": timestamp_paths(op.output_shape)}
        with open(os.path.join(directory, name + ".json"), "w", encoding="ascii", newline="\n") as f:
            f.write(json.dumps(doc, ensure_ascii=True, indent=1) + "\n")
        total += len(requests)
    print("wrote %d operations' JS SDK parameters (%d parameter sets) to %s"
          % (len(model.operation_names), total, directory))
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] == "gen":
        return gen_command(argv[2])
    if len(argv) == 4 and argv[1] == "check":
        return check_command(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "samples":
        return samples_command(argv[2])
    if len(argv) == 3 and argv[1] == "jsparams":
        return jsparams_command(argv[2])
    sys.stderr.write(__doc__)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main(sys.argv))
