#!/usr/bin/env python3
"""Writes the seed corpora under tests/fuzz/corpus/ (run from the repository root:
python3 tests/fuzz/make_seeds.py). The files are checked in; rerun after changing seeds.

Request, response and error seeds start with the operation byte (see OPERATIONS below).
The reproducers checked in by hand (corpus/request/regression-*,
corpus/response/F1-* and corpus/response/regression-*) are PauseService bodies and
carry PauseService's byte (29) in front too; this script does not write them."""
import json
import os

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(ROOT))
ARN = "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa"


# The request, response, round-trip and error targets read byte 0 as the operation:
# kModel.operations[byte % 37], which the generator sorts by name (as Python sorts these
# ASCII names). Their seeds are that byte followed by the body (or, for errors, by the
# status, header and body).
SERVICE = json.load(open(os.path.join(REPO, "model/apprunner.json")))
OPERATIONS = sorted(op["name"] for op in SERVICE["operations"])
assert len(OPERATIONS) < 256
PAUSE = OPERATIONS.index("PauseService")


def op_byte(name):
    return bytes([OPERATIONS.index(name)])


def raw_write(corpus, name, data):
    d = os.path.join(ROOT, "corpus", corpus)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def write(corpus, name, data, op="PauseService"):
    """A seed for `op` (PauseService unless said): its index byte, then `data`; the
    pattern corpus has no operation byte."""
    data = data if isinstance(data, bytes) else data.encode("utf-8")
    raw_write(corpus, name, data if corpus == "pattern" else op_byte(op) + data)


def read(path):
    with open(os.path.join(REPO, path), "rb") as f:
        return f.read()


# Requests.
write("request", "example", read("examples/pause-service-request.json"))
for i, body in enumerate([
        '{}', '{"ServiceArn":null}', '{"ServiceArn":""}', '{"ServiceArn":1}',
        '{"Service\\u0041rn":"%s"}' % ARN, '{"ServiceArn":"a","ServiceArn":"b"}',
        '{"x":[1,{"y":"\\ud83d\\ude00"}],"ServiceArn":"%s"}' % ARN,
        '{"ServiceArn":"%s"} x' % ARN, '[1]', '{"ServiceArn":"arn:aws-cn:apprunner:cn-north-1:123456789012:service/a\\/b"}',
        '{"ServiceArn":"arn:aws:apprunner:us-east\\\\1:123456789012:service/x"}',
        '{"a":' + '[' * 70 + ']' * 70 + '}']):
    write("request", "case%02d" % i, body)

# Requests for the syntax oracle's documented cases (tests/fuzz/oracle.h): a byte order
# mark before valid JSON, semantic errors followed by invalid JSON, nesting at and over
# the limit, a lone surrogate, a case-variant name (an unknown member), bad UTF-8.
for name, body in [
        ("bom", b'\xef\xbb\xbf{"ServiceArn":"%s"}' % ARN.encode()),
        ("duplicate-then-truncated", '{"ServiceArn":"a","ServiceArn":"b",'),
        ("wrong-type-then-truncated", '{"ServiceArn":1,'),
        ("depth-64", '{"a":' + '[' * 63 + ']' * 63 + ',"ServiceArn":"%s"}' % ARN),
        ("depth-65", '{"a":' + '[' * 64 + ']' * 64 + '}'),
        ("depth-1000", '{"a":' + '[' * 999 + ']' * 999 + ',"ServiceArn":"%s"}' % ARN),
        ("depth-1001", '{"a":' + '[' * 1000 + ']' * 1000 + '}'),
        ("lone-low-surrogate", '{"a":"\\udc00","ServiceArn":"%s"}' % ARN),
        ("name-case", '{"serviceArn":"%s"}' % ARN),
        ("bad-utf8-after-object", b'{"ServiceArn":"x"} \xc3'),
        ("root-string", '"ServiceArn"'),
        ("escaped-arn", '{"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service\\/a\\u002db"}')]:
    write("request", "oracle-" + name, body)

# Responses (also the round-trip corpus).
write("response", "full", read("examples/pause-service-response.json"))
write("response", "cli", read("examples/pause-service-response.cli.json"))
for i, body in enumerate([
        '{"Service":{"CreatedAt":1.6062459e9,"Status":"FUTURE"}}',
        '{"Service":{"HealthCheckConfiguration":{"Interval":21,"Timeout":0}}}',
        '{"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":'
        '{"RuntimeEnvironmentVariables":{"A":"1","\\u0042":"\\n"}}}}}}',
        '{"Service":{"SourceConfiguration":{"CodeRepository":{"CodeConfiguration":{"CodeConfigurationValues":'
        '{"RuntimeEnvironmentSecrets":[{"K":"V"}]}}}}}}',
        '{"Service":{"UpdatedAt":"2020-11-23T12:41:37.5+01:00","InstanceConfiguration":{"cpu":"1 vCPU"}}}',
        '{"OperationId":"17fe9f55-7e91-4097-b243-fcabbb69a4cf"}']):
    write("response", "case%02d" % i, body)

# Responses for the new semantics: a case-variant name (strict: unknown; lenient: the
# member; lenient sees a duplicate), timestamps at and beyond the ends of years 1..9999
# and a rounding tie, a map written as a list (strict: NotWireFormat).
for name, body in [
        ("name-case", '{"service":{"ServiceName":"python-app"},"OperationId":"x"}'),
        ("name-case-duplicate", '{"OperationId":"a","operationid":"b"}'),
        ("timestamp-tie", '{"Service":{"CreatedAt":1.0005,"UpdatedAt":-0.0005}}'),
        ("timestamp-year-1", '{"Service":{"CreatedAt":-62135596800,"UpdatedAt":253402300799.999}}'),
        ("timestamp-year-10000", '{"Service":{"CreatedAt":253402300800}}'),
        ("timestamp-string-year-0", '{"Service":{"CreatedAt":"0000-12-31T23:59:59Z"}}'),
        ("map-list", '{"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":'
                     '{"RuntimeEnvironmentVariables":[{"A":"1"},{"B":"2"}]}}}}}'),
        # Conformance: an empty or whitespace-only body is the output with no members;
        # a null map value is dropped; sub-millisecond and nanosecond timestamps.
        ("empty-body", ''),
        ("whitespace-body", ' \n\t\r'),
        ("map-null-value", '{"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":'
                           '{"RuntimeEnvironmentVariables":{"A":null,"B":"x"}}}}}}'),
        ("timestamp-nanos", '{"Service":{"CreatedAt":1700000000.123456789,"UpdatedAt":-0.0000000005,'
                            '"DeletedAt":17000000001234e-4}}')]:
    write("response", "oracle-" + name, body)

# Every operation's sample request and response (examples/operations, written from
# botocore's model: every member present), as a seed of its operation.
for op in OPERATIONS:
    write("request", "op-" + op, read("examples/operations/%s.request.json" % op), op)
    write("response", "op-" + op, read("examples/operations/%s.response.json" % op), op)

# Errors: the operation byte, 2 status bytes, header, NUL, body.
def err(status, header, body):
    return bytes([(status - 100) >> 8, (status - 100) & 0xFF]) + header.encode() + b"\0" + body.encode()

write("error", "type", err(400, "", '{"__type":"InvalidRequestException","Message":"bad"}'))
write("error", "header", err(500, "InternalServiceErrorException:http://internal", ""))
write("error", "code", err(503, "", '{"code":"aws.apprunner#Throttling","message":"slow"}'))
write("error", "nothing", b"\x01\x2c" + b"{}")
# Envelope members that are not strings are skipped; a repeat (compared unescaped) is
# DuplicateMember; the type is the first source non-empty once sanitized.
write("error", "non-string-code", err(400, "", '{"code":1,"__type":{"a":[1]},"Message":null,"message":"m"}'))
write("error", "first-hash", err(400, "  ", '{"__type":"a#b#c:d","code":"X"}'))
write("error", "empty-type-then-code", err(500, "#", '{"__type":":x","code":"aws#InternalServiceErrorException"}'))
write("error", "duplicate-escaped", err(400, "", '{"__typ\\u0065":"x","__type":"y"}'))
write("error", "duplicate-null", err(400, "", '{"Message":null,"Message":"m"}'))
write("error", "status-200", err(200, "", '{"__type":"Unmodelled","MESSAGE":"not the message"}'))
# Per operation: its last modelled error (ServiceQuotaExceededException 402 on the
# Create* operations), named by the body, with the model's status.
for op in SERVICE["operations"]:
    name = op["errors"][-1]
    write("error", "op-" + op["name"],
          err(SERVICE["shapes"][name]["httpError"], "", '{"__type":"aws.apprunner#%s","Message":"m"}' % name),
          op["name"])

# Patterns: byte 0 picks the shape (the shapes with an enforced pattern, alphabetical,
# then the length-only string shapes, alphabetical), byte 1 the mode, bytes 2-4 the
# repeat mode's chunk and bound (see pattern_fuzzer.cc).
model = json.load(open(os.path.join(REPO, "model/apprunner-pause-service.json")))
shapes = [n for n, s in sorted(model["shapes"].items())
          if s["type"] not in ("structure", "list") and s.get("pattern") and n != "ServiceId"]
length_only = [n for n, s in sorted(model["shapes"].items())
               if s["type"] == "string" and "enum" not in s and ("min" in s or "max" in s)
               and (not s.get("pattern") or n == "ServiceId")]
values = {
    "AppRunnerResourceArn": [ARN, "arn:aws:::123456789012:a", "arn:aws:apprunner:us-east\\1:123456789012:x"],
    "AutoScalingConfigurationName": ["DefaultConfiguration"],
    "BuildCommand": ["pip install -r requirements.txt"],
    "Cpu": ["1 vCPU", "0x25 vCPU", "4096"],
    "ImageIdentifier": ["123456789012.dkr.ecr.us-east-1.amazonaws.com/python-app:latest",
                        "public.ecr.aws/aws-containers/hello-app-runner:latest"],
    "KmsKeyArn": ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    "Memory": ["3 GB", "12288"],
    "RoleArn": ["arn:aws:iam::123456789012:role/service-role/AppRunnerECRAccessRole"],
    "ServiceName": ["python-app"],
    "SourceDirectory": ["/services/python-app"],
    "StartCommand": ["python server.py"],
    "String": ["psbqam834h.us-east-1.awsapprunner.com", "a\u2028b", "a\rb"],
    "RuntimeEnvironmentVariablesKey": ["NAME"],
    "RuntimeEnvironmentVariablesValue": ["Jane"],
    "UUID": ["17fe9f55-7e91-4097-b243-fcabbb69a4cf"],
    "ErrorMessage": ["Service not found"],
    "HealthCheckPath": ["/health"],
    "RuntimeEnvironmentSecretsName": ["DB_PASSWORD"],
    "RuntimeEnvironmentSecretsValue": ["arn:aws:secretsmanager:us-east-1:123456789012:secret:db"],
    "ServiceId": ["8fe1e10304f84fd2b0df550fe98a71fa"],
}
old = set(os.listdir(os.path.join(ROOT, "corpus", "pattern"))) if os.path.isdir(os.path.join(ROOT, "corpus", "pattern")) else set()
for name in old:
    if not name.startswith("regression-"):
        os.remove(os.path.join(ROOT, "corpus", "pattern", name))


def repeat_seed(index, material, at_char, chars, bound_pick, delta, round_up=False):
    """Repeat mode: `chars` characters from character `at_char` of `material`
    repeated to bound number `bound_pick` of the shape + delta code points."""
    return bytes([index, 200, at_char, (bound_pick << 2) | (chars - 1),
                  (delta + 2) | (0x80 if round_up else 0)]) + material.encode()


# Multi-byte chunks (2, 3 and 4 UTF-8 bytes) appended to a valid value, to be repeated.
WIDE = ["\u00e9", "\u20ac", "\U0001f600"]
for index, name in enumerate(shapes + length_only):
    shape = model["shapes"][name]
    bounds = ([shape["min"]] if "min" in shape else []) + [shape.get("max", 4096)]
    for k, v in enumerate(values.get(name, ["x"])):
        write("pattern", "%s-%d" % (name, k), bytes([index, 0, 0, 0, 0]) + v.encode())
        if k > 0:
            continue
        last = len(v) - 1  # repeat the value's last (ASCII) character
        for b, bound in enumerate(bounds):
            if bound < 8 and b + 1 < len(bounds):
                continue  # small minimums are reached by plain values
            for delta in (0, 1):
                write("pattern", "%s-%d-bound%d%+d" % (name, k, bound, delta),
                      repeat_seed(index, v, last, 1, b, delta))
            for w, wide in enumerate(WIDE):
                delta = (0, 1, -1)[w]
                write("pattern", "%s-%d-bound%d%+d-utf8x%d" % (name, k, bound, delta, w + 2),
                      repeat_seed(index, v + wide, len(v), 1, b, delta))
print("shapes with patterns:", shapes, "length-only:", length_only)
