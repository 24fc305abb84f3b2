#!/usr/bin/env python3
"""Deterministic generator of PauseService response bodies for the botocore interop test.

Imported by botocore_response_check.py (//tests/interop:botocore_response_test). It
never touches the network and does not need botocore itself, except for
`check_conformance`, which reads the constraints from the botocore model it is given.

Every generated case carries:
  - `value`: the intended response as Python values (str, int, bool, dict, and Ts for
    timestamps, which keeps the exact decimal text of the wire number: 0 to 9 fraction
    digits, so down to the nanosecond, which the codec keeps exactly);
  - `body`: its JSON text, written by this module's own serializer so that the wire
    form varies (random member order, random whitespace, every JSON escape form
    including \\/ and \\uXXXX for plain ASCII, surrogate pairs for astral characters,
    escaped member names, exponent-form numbers);
  - `conformant`: whether the value satisfies every model constraint (the random cases
    always do; a few named edge cases deliberately do not, e.g. a future enum value).

Run directly to print the cases: botocore_response_gen.py [SEED [COUNT]]

  botocore_response_gen.py --jsonl [SEED [COUNT]]

writes the same cases for other clients' tests (//tests/interop:js_sdk_test reads them),
one JSON object per line, ASCII only:
  {"name", "conformant", "body": base64 of the exact body bytes,
   "expected": what a client must produce (expected_parse, from botocore's model: members
               the model lacks and nulls dropped), timestamps as {"$date": epoch ms}, the
               JS SDK's rounding of each (Ts.sdk_millis)}
then a last line {"end": COUNT} so that a truncated file is detected. This mode loads
botocore's model (the python3 running it needs botocore) and exits 3 without it.

  botocore_response_gen.py --timestamp-rows

writes TIMESTAMP_ROWS as one JSON array of {"text", "canonical", "sdk_millis"} (no
botocore needed): the timestamp rows both interop tests run, with what decode-response
must write for each and the JS SDK's reading of it.
"""

import base64
import datetime
import decimal
import json
import random
import re
import sys

DEFAULT_SEED = 20201120
DEFAULT_COUNT = 50

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class Ts:
    """A timestamp on the wire: epoch seconds, kept as the exact JSON number text.

    Three readings of it, each computed exactly with Decimal (never with the client):
      canonical()         what pausesvc decode-response must write for it;
      botocore_reading()  the (seconds, microseconds) botocore gives;
      sdk_millis()        the getTime() of the Date the JS SDK gives.
    """

    def __init__(self, text):
        self.text = text
        self.seconds = decimal.Decimal(text)

    def nanos(self):
        """The value in whole nanoseconds as the codec keeps it: exact up to 9 fraction
        digits; finer digits round to the nearest nanosecond, halves toward +infinity."""
        with decimal.localcontext(_EXACT):
            return int((self.seconds * 1000000000 + _HALF).to_integral_value(decimal.ROUND_FLOOR))

    def canonical(self):
        """The shortest exact decimal of nanos(): Decimal's normalisation, written without
        an exponent (no trailing zeros, no trailing point, "0" for zero)."""
        with decimal.localcontext(_EXACT):
            d = (decimal.Decimal(self.nanos()) / 1000000000).normalize()
        return "{:f}".format(d)

    def double(self):
        """The IEEE double a JSON parser reads (Python's json.loads and JavaScript's
        JSON.parse both round the decimal text correctly), as an exact Decimal."""
        return decimal.Decimal(float(self.seconds))

    def botocore_reading(self):
        """(seconds, microseconds) of the datetime botocore gives, or None where botocore
        raises ValueError ("year 10000 is out of range": 253402300799.999999 is the double
        253402300800.0). botocore 1.43 (parsers.BaseJSONParser: json.loads, then
        utils.parse_timestamp -> datetime.datetime.fromtimestamp(float, tzlocal())) leaves
        the rounding to CPython's datetime.fromtimestamp, which splits the double with
        modf, multiplies the fraction by 1e6 IN DOUBLE PRECISION and rounds that product
        half to even (Python/pytime.c, pytime_double_to_denominator with
        _PyTime_ROUND_HALF_EVEN): it rounds, never truncates, and the product's own
        rounding decides some halves (0.0000025 reads as 2 us, not 3)."""
        with decimal.localcontext(_EXACT):
            d = self.double()
            whole = d.to_integral_value(decimal.ROUND_DOWN)  # modf: toward zero
            product = decimal.Decimal(float((d - whole) * 1000000))  # one double rounding
            us = int(product.to_integral_value(decimal.ROUND_HALF_EVEN))
        whole = int(whole)
        if us >= 1000000:
            us, whole = us - 1000000, whole + 1
        elif us < 0:
            us, whole = us + 1000000, whole - 1
        if not _DATETIME_MIN <= whole < _DATETIME_END:
            return None  # outside years 1..9999: botocore raises "year N is out of range"
        return whole, us

    def datetime(self):
        """botocore's reading as a UTC-aware datetime (botocore gives tz-aware ones)."""
        reading = self.botocore_reading()
        if reading is None:
            raise ValueError("botocore cannot read %s: outside years 1..9999" % self.text)
        whole, us = reading
        return EPOCH + datetime.timedelta(seconds=whole, microseconds=us)

    def sdk_millis(self):
        """getTime() of the JS SDK's Date: @smithy/core's parseEpochTimestamp (serde
        submodule) is new Date(Math.round(value * 1000)) on the JSON.parse number: the
        double times 1000 rounded to a double, then Math.round (halves toward
        +infinity). A Date has no -0."""
        with decimal.localcontext(_EXACT):
            product = decimal.Decimal(float(self.double() * 1000))  # one double rounding
            return int((product + _HALF).to_integral_value(decimal.ROUND_FLOOR))

    def __repr__(self):
        return "Ts(%s)" % self.text


_EXACT = decimal.Context(prec=1000, Emin=-999999, Emax=999999)
_HALF = decimal.Decimal("0.5")
# datetime's range: years 1 to 9999, as whole epoch seconds.
_DATETIME_MIN = -62135596800
_DATETIME_END = 253402300800


# --------------------------------------------------------------------------------------
# Strings

# Characters for free text. '.*' (the model's String, RuntimeEnvironmentVariables) is
# ECMA-262 '.': anything but \n, \r, U+2028, U+2029. NUL and the other C0 controls are
# allowed there.
_ASCII_PRINTABLE = [chr(c) for c in range(0x20, 0x7F)]
_JSON_SPECIAL = ['"', "\\", "/", "\b", "\f", "\t"]
_CONTROLS = [chr(c) for c in range(0x00, 0x20) if c not in (0x0A, 0x0D)] + ["\x7f"]
_NON_ASCII = [
    "\u00e9", "\u00df", "\u00fc", "\u00a0", "\u00ff", "\u0100", "\u0301",  # Latin, combining
    "\u03a9", "\u0416", "\u05d0", "\u0627", "\u0939", "\u0e01",  # Greek .. Thai
    "\u30b5", "\u65e5", "\u672c", "\uac00",  # CJK, Hangul
    "\u2603", "\u20ac", "\u2192", "\u200b", "\u200d", "\u0085",  # NEL is not a line break in ECMA
    "\ue000", "\ufeff", "\ufffd", "\uffff",  # private use, BOM, replacement, last BMP
    "\U0001F600", "\U0001D11E", "\U00010000", "\U0010FFFF",  # astral
]
_LINE_BREAKS = ["\n", "\r", "\u2028", "\u2029"]

FREE = "free"          # '.*': no line terminators
NO_CR_LF = "no_cr_lf"  # [^\x0a\x0d]+ (U+2028/U+2029 allowed)
NO_NUL = "no_nul"      # [^\x00]+
ANY = "any"            # no pattern at all


def _char(rng, kind):
    r = rng.random()
    if r < 0.45:
        c = rng.choice(_ASCII_PRINTABLE)
    elif r < 0.58:
        c = rng.choice(_JSON_SPECIAL)
    elif r < 0.70:
        c = rng.choice(_CONTROLS)
    elif r < 0.95:
        c = rng.choice(_NON_ASCII)
    else:
        c = rng.choice(_LINE_BREAKS)
    if kind == FREE and c in _LINE_BREAKS:
        return "\u2603"
    if kind == NO_CR_LF and c in ("\n", "\r"):
        return "\u2028" if c == "\n" else "\u2029"
    if kind == NO_NUL and c == "\x00":
        return "\x01"
    return c


def free_text(rng, kind, min_len=0, max_len=51200):
    r = rng.random()
    if r < 0.05:
        n = min_len
    elif r < 0.90:
        n = rng.randint(min_len, min(max_len, max(min_len, 40)))
    else:
        n = rng.randint(min_len, min(max_len, 1500))
    return "".join(_char(rng, kind) for _ in range(n))


def _pick(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


_HEX = "0123456789abcdef"
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_WORD = _ALNUM + "_"


def _account(rng):
    return _pick(rng, "0123456789", 12)


def _region(rng):
    return rng.choice(["us-east-1", "eu-west-3", "ap-northeast-2", "cn-north-1", "us-gov-west-1"])


def service_name(rng):
    return rng.choice(_ALNUM) + _pick(rng, _ALNUM + "-_", rng.randint(3, 39))


def scaling_name(rng):
    return rng.choice(_ALNUM) + _pick(rng, _ALNUM + "-_", rng.randint(3, 31))


def service_id(rng):
    # The model's ServiceId is length 32 with a 36-character UUID pattern (no value
    # satisfies both); real IDs are 32 hex digits, which is what services send.
    return _pick(rng, _HEX, 32)


def uuid(rng):
    return "%s-%s-%s%s-%s%s-%s" % (
        _pick(rng, "0123456789abcdefABCDEF", 8), _pick(rng, _HEX, 4),
        rng.choice("12345"), _pick(rng, _HEX, 3), rng.choice("89abAB"), _pick(rng, _HEX, 3),
        _pick(rng, "0123456789ABCDEF", 12))


def apprunner_arn(rng, kind):
    head = "arn:%s:apprunner:%s:%s:" % (rng.choice(["aws", "aws-cn", "aws-us-gov", "aws-iso-b"]),
                                        _region(rng), _account(rng))
    rest = "%s/%s/%d/%s" % (kind, _pick(rng, _WORD + "-", rng.randint(1, 40)), rng.randint(1, 99),
                            _pick(rng, _HEX, 32))
    if rng.random() < 0.05:  # exactly the maximum length
        rest = rest + "/" + "x" * (1011 - len(head) - len(rest) - 1)
    return head + rest


def role_arn(rng):
    partition = rng.choice(["aws", "aws-us-gov", "aws-cn", "aws-iso", "aws-iso-b"])
    path = rng.choice(["role", "role/service-role"])
    name = rng.choice(_ALNUM) + _pick(rng, _WORD + "+=,.@-/", rng.randint(0, 60))
    return "arn:%s:iam::%s:%s/%s" % (partition, _account(rng), path, name)


def kms_arn(rng):
    return "arn:aws%s:kms:%s:%s:key/%s-%s-%s-%s-%s" % (
        rng.choice(["", "-cn", "-us-gov"]), _region(rng), _account(rng), _pick(rng, _HEX, 8),
        _pick(rng, _HEX, 4), _pick(rng, _HEX, 4), _pick(rng, _HEX, 4), _pick(rng, _HEX, 12))


def image_identifier(rng):
    repo = "/".join(_pick(rng, "abcdefghijklmnopqrstuvwxyz0123456789", rng.randint(1, 12))
                    for _ in range(rng.randint(1, 3)))
    suffix = rng.choice(["", ":latest", ":v1.2.3-rc_1", "@sha256:" + _pick(rng, _HEX, 64)])
    if rng.random() < 0.6:
        return "%s.dkr.ecr.%s.amazonaws.com/%s%s" % (_account(rng), _region(rng), repo, suffix)
    return "public.ecr.aws/%s/%s%s" % (_pick(rng, "abcdefghij0123", 8), repo, suffix)


CPU = ["256", "512", "1024", "2048", "4096", "0.25 vCPU", "0.5 vCPU", "1 vCPU", "2 vCPU", "4 vCPU"]
MEMORY = ["512", "1024", "2048", "3072", "4096", "6144", "8192", "10240", "12288", "0.5 GB",
          "1 GB", "2 GB", "3 GB", "4 GB", "6 GB", "8 GB", "10 GB", "12 GB"]


def timestamp(rng):
    r = rng.random()
    if r < 0.06:
        seconds = rng.randint(-2147483647, -1)  # before 1970
    elif r < 0.10:
        seconds = rng.choice([0, 1, 2147483647, 4294967295])
    else:
        seconds = rng.randint(1262304000, 4102444800)  # 2010 .. 2100
    decimals = rng.randint(0, 9)  # whole seconds to nanoseconds
    if decimals == 0:
        text = str(seconds)
    else:
        frac = rng.randint(0, 10 ** decimals - 1)
        if rng.random() < 0.2:
            frac = rng.choice([0, 1, 10 ** decimals - 1])
        # A negative number's fraction extends it away from zero, as in -12.345.
        text = "%d.%0*d" % (seconds, decimals, frac) if seconds >= 0 else \
            "-%d.%0*d" % (-seconds, decimals, frac)
    if rng.random() < 0.15:  # the same number in exponent form
        d = decimal.Decimal(text)
        sign, digits, exp = d.as_tuple()
        mantissa = ("-" if sign else "") + "".join(map(str, digits))
        form = rng.choice(["int_mantissa", "sci"])
        if form == "int_mantissa" and exp != 0:
            text = "%s%s%d" % (mantissa, rng.choice(["e", "E"]), exp)
        elif len(digits) > 1:
            e = len(digits) - 1 + exp
            text = "%s%s.%s%s%s" % ("-" if sign else "", digits[0], "".join(map(str, digits[1:])),
                                    rng.choice(["e", "E", "e+"]), e)
    return Ts(text)


def int32(rng):
    r = rng.random()
    if r < 0.1:
        return rng.choice([0, 1, -1, 2147483647, -2147483648])
    return rng.randint(1, 1000) if r < 0.7 else rng.randint(-2147483648, 2147483647)


# --------------------------------------------------------------------------------------
# Responses


def _maybe(rng, p=0.65):
    return rng.random() < p


def _string_map(rng, key_kind, key_min, value_kind, value_min, max_len):
    m = {}
    n = rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 20, rng.randint(0, 20)])
    while len(m) < n:
        key = free_text(rng, key_kind, key_min, max_len)
        m[key] = free_text(rng, value_kind, value_min, max_len)
    return m


def env_vars(rng):
    return _string_map(rng, FREE, 1, FREE, 0, 51200)


def env_secrets(rng):
    return _string_map(rng, ANY, 1, ANY, 1, 2048)


def code_repository(rng):
    v = {
        "RepositoryUrl": free_text(rng, FREE),
        "SourceCodeVersion": {"Type": "BRANCH", "Value": free_text(rng, FREE)},
    }
    if _maybe(rng):
        cc = {"ConfigurationSource": rng.choice(["REPOSITORY", "API"])}
        if _maybe(rng):
            vals = {"Runtime": rng.choice([
                "PYTHON_3", "NODEJS_12", "NODEJS_14", "CORRETTO_8", "CORRETTO_11", "NODEJS_16",
                "GO_1", "DOTNET_6", "PHP_81", "RUBY_31", "PYTHON_311", "NODEJS_18", "NODEJS_22"])}
            if _maybe(rng):
                vals["BuildCommand"] = free_text(rng, NO_CR_LF, 1)
            if _maybe(rng):
                vals["StartCommand"] = free_text(rng, NO_CR_LF, 1)
            if _maybe(rng):
                vals["Port"] = free_text(rng, FREE)
            if _maybe(rng):
                vals["RuntimeEnvironmentVariables"] = env_vars(rng)
            if _maybe(rng):
                vals["RuntimeEnvironmentSecrets"] = env_secrets(rng)
            cc["CodeConfigurationValues"] = vals
        v["CodeConfiguration"] = cc
    if _maybe(rng):
        v["SourceDirectory"] = free_text(rng, NO_NUL, 1, 4096)
    return v


def image_repository(rng):
    v = {"ImageIdentifier": image_identifier(rng),
         "ImageRepositoryType": rng.choice(["ECR", "ECR_PUBLIC"])}
    if _maybe(rng):
        ic = {}
        if _maybe(rng):
            ic["RuntimeEnvironmentVariables"] = env_vars(rng)
        if _maybe(rng):
            ic["StartCommand"] = free_text(rng, NO_CR_LF, 1)
        if _maybe(rng):
            ic["Port"] = free_text(rng, FREE)
        if _maybe(rng):
            ic["RuntimeEnvironmentSecrets"] = env_secrets(rng)
        v["ImageConfiguration"] = ic
    return v


def service(rng):
    s = {
        "ServiceName": service_name(rng),
        "ServiceId": service_id(rng),
        "ServiceArn": apprunner_arn(rng, "service"),
        "CreatedAt": timestamp(rng),
        "UpdatedAt": timestamp(rng),
        "Status": rng.choice(["CREATE_FAILED", "RUNNING", "DELETED", "DELETE_FAILED", "PAUSED",
                              "OPERATION_IN_PROGRESS"]),
        "SourceConfiguration": {},
        "InstanceConfiguration": {},
        "AutoScalingConfigurationSummary": {},
        "NetworkConfiguration": {},
    }
    if _maybe(rng):
        s["ServiceUrl"] = free_text(rng, FREE)
    if _maybe(rng, 0.4):
        s["DeletedAt"] = timestamp(rng)
    sc = s["SourceConfiguration"]
    if _maybe(rng):
        sc["CodeRepository"] = code_repository(rng)
    if _maybe(rng):
        sc["ImageRepository"] = image_repository(rng)
    if _maybe(rng):
        sc["AutoDeploymentsEnabled"] = rng.random() < 0.5
    if _maybe(rng):
        auth = {}
        if _maybe(rng):
            auth["ConnectionArn"] = apprunner_arn(rng, "connection")
        if _maybe(rng):
            auth["AccessRoleArn"] = role_arn(rng)
        sc["AuthenticationConfiguration"] = auth
    ic = s["InstanceConfiguration"]
    if _maybe(rng):
        ic["Cpu"] = rng.choice(CPU)
    if _maybe(rng):
        ic["Memory"] = rng.choice(MEMORY)
    if _maybe(rng):
        ic["InstanceRoleArn"] = role_arn(rng)
    if _maybe(rng):
        s["EncryptionConfiguration"] = {"KmsKey": kms_arn(rng)}
    if _maybe(rng):
        hc = {}
        if _maybe(rng):
            hc["Protocol"] = rng.choice(["TCP", "HTTP"])
        if _maybe(rng):
            hc["Path"] = free_text(rng, ANY, 1)
        for k in ("Interval", "Timeout", "HealthyThreshold", "UnhealthyThreshold"):
            if _maybe(rng):
                hc[k] = rng.randint(1, 20)
        s["HealthCheckConfiguration"] = hc
    asc = s["AutoScalingConfigurationSummary"]
    if _maybe(rng):
        asc["AutoScalingConfigurationArn"] = apprunner_arn(rng, "autoscalingconfiguration")
    if _maybe(rng):
        asc["AutoScalingConfigurationName"] = scaling_name(rng)
    if _maybe(rng):
        asc["AutoScalingConfigurationRevision"] = int32(rng)
    if _maybe(rng):
        asc["Status"] = rng.choice(["ACTIVE", "INACTIVE"])
    if _maybe(rng):
        asc["CreatedAt"] = timestamp(rng)
    if _maybe(rng):
        asc["HasAssociatedService"] = rng.random() < 0.5
    if _maybe(rng):
        asc["IsDefault"] = rng.random() < 0.5
    nc = s["NetworkConfiguration"]
    if _maybe(rng):
        eg = {}
        if _maybe(rng):
            eg["EgressType"] = rng.choice(["DEFAULT", "VPC"])
        if _maybe(rng):
            eg["VpcConnectorArn"] = apprunner_arn(rng, "vpcconnector")
        nc["EgressConfiguration"] = eg
    if _maybe(rng):
        nc["IngressConfiguration"] = (
            {"IsPubliclyAccessible": rng.random() < 0.5} if _maybe(rng) else {})
    if _maybe(rng):
        nc["IpAddressType"] = rng.choice(["IPV4", "DUAL_STACK"])
    if _maybe(rng):
        oc = {"ObservabilityEnabled": rng.random() < 0.5}
        if _maybe(rng):
            oc["ObservabilityConfigurationArn"] = apprunner_arn(rng, "observabilityconfiguration")
        s["ObservabilityConfiguration"] = oc
    return s


def response(rng):
    r = {"Service": service(rng)}
    if _maybe(rng, 0.9):
        r["OperationId"] = uuid(rng)
    return r


# --------------------------------------------------------------------------------------
# JSON text with a varying wire form

_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f", "\n": "\\n",
                  "\r": "\\r", "\t": "\\t"}


def _u(rng, code):
    return "\\u" + (("%04x" if rng.random() < 0.5 else "%04X") % code)


def json_string(rng, s, escape_rate):
    """s as a JSON string literal; each character raw or escaped, at random."""
    out = ['"']
    for c in s:
        code = ord(c)
        must = c in ('"', "\\") or code < 0x20
        if not must and rng.random() >= escape_rate:
            out.append(c)  # raw (UTF-8 on the wire), including DEL and U+2028
            continue
        if c in _SHORT_ESCAPES and (c != "/" or not must) and rng.random() < 0.7:
            out.append(_SHORT_ESCAPES[c])
        elif code > 0xFFFF:
            v = code - 0x10000
            out.append(_u(rng, 0xD800 + (v >> 10)) + _u(rng, 0xDC00 + (v & 0x3FF)))
        else:
            out.append(_u(rng, code))
    out.append('"')
    return "".join(out)


def _ws(rng, p):
    if rng.random() >= p:
        return ""
    return "".join(rng.choice([" ", " ", "\t", "\n", "\r\n"]) for _ in range(rng.randint(1, 3)))


class Style:
    def __init__(self, rng):
        self.rng = rng
        self.escape_rate = rng.choice([0.0, 0.05, 0.3, 1.0])
        self.key_escape_rate = rng.choice([0.0, 0.0, 0.02, 0.1])
        self.ws = rng.choice([0.0, 0.0, 0.1, 0.5])
        self.shuffle = rng.random() < 0.7


def to_json(value, style):
    rng = style.rng
    if isinstance(value, Ts):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, str):
        return json_string(rng, value, style.escape_rate)
    if isinstance(value, list):
        return "[" + ",".join(_ws(rng, style.ws) + to_json(v, style) + _ws(rng, style.ws)
                              for v in value) + "]"
    if isinstance(value, dict):
        items = list(value.items())
        if style.shuffle:
            rng.shuffle(items)
        parts = []
        for k, v in items:
            parts.append(_ws(rng, style.ws) + json_string(rng, k, style.key_escape_rate) +
                         _ws(rng, style.ws) + ":" + _ws(rng, style.ws) + to_json(v, style) +
                         _ws(rng, style.ws))
        return "{" + ",".join(parts) + "}"
    raise TypeError(type(value))


def body_of(rng, value):
    return (_ws(rng, 0.2) + to_json(value, Style(rng)) + _ws(rng, 0.2)).encode("utf-8")


# --------------------------------------------------------------------------------------
# Named edge cases (fixed values; their wire form still comes from the seeded styles)


def _minimal():
    return {"Service": {
        "ServiceName": "abcd", "ServiceId": "0" * 32,
        "ServiceArn": "arn:aws:apprunner:us-east-1:123456789012:service/a/1/" + "0" * 32,
        "CreatedAt": Ts("0"), "UpdatedAt": Ts("0.001"), "Status": "RUNNING",
        "SourceConfiguration": {}, "InstanceConfiguration": {},
        "AutoScalingConfigurationSummary": {}, "NetworkConfiguration": {}}}


def edge_cases(rng):
    """[(name, value, conformant)] in a fixed order."""
    cases = [("edge_minimal_required_only", _minimal(), True)]

    every_char = _minimal()
    controls = "".join(chr(c) for c in range(0x20) if c not in (0x0A, 0x0D)) + "\x7f"
    every_char["Service"]["ServiceUrl"] = controls + '"\\/' + "".join(_NON_ASCII)
    every_char["Service"]["SourceConfiguration"] = {"CodeRepository": {
        "RepositoryUrl": "", "SourceCodeVersion": {"Type": "BRANCH", "Value": ""},
        "SourceDirectory": "\n\r\u2028\u2029" + controls.replace("\x00", ""),
        "CodeConfiguration": {"ConfigurationSource": "API", "CodeConfigurationValues": {
            "Runtime": "GO_1", "BuildCommand": "\u2028\u2029\x00", "StartCommand": "\t",
            "RuntimeEnvironmentVariables": {c: c for c in controls + '"\\/' + "".join(_NON_ASCII)},
            "RuntimeEnvironmentSecrets": {"\x00": "\x00", "\n\r": "\u2028\u2029",
                                          "k\x00ey": "v\nal"}}}}}
    cases.append(("edge_every_special_character", every_char, True))

    maps = _minimal()
    maps["Service"]["SourceConfiguration"] = {"ImageRepository": {
        "ImageIdentifier": "public.ecr.aws/abc/x", "ImageRepositoryType": "ECR_PUBLIC",
        "ImageConfiguration": {"RuntimeEnvironmentVariables": {},
                               "RuntimeEnvironmentSecrets": {}}}}
    maps["Service"]["NetworkConfiguration"] = {"EgressConfiguration": {},
                                               "IngressConfiguration": {}}
    cases.append(("edge_empty_maps_and_structures", maps, True))

    ts = _minimal()
    s = ts["Service"]
    s["CreatedAt"] = Ts("-0.5")
    s["UpdatedAt"] = Ts("1606135297.999")
    s["DeletedAt"] = Ts("1.6062459e9")
    s["AutoScalingConfigurationSummary"] = {"CreatedAt": Ts("16058990005E-1"),
                                            "AutoScalingConfigurationRevision": -2147483648}
    cases.append(("edge_timestamp_forms", ts, True))

    longest = _minimal()
    head = "arn:aws:apprunner:us-east-1:123456789012:service/"
    longest["Service"]["ServiceArn"] = head + "x" * (1011 - len(head))
    longest["Service"]["ServiceUrl"] = "\U0001F600" * 3000 + "\u00e9" * 3000
    longest["Service"]["ServiceName"] = "a" * 40
    cases.append(("edge_long_values", longest, True))

    # Not conformant to today's model, but a response from a newer service version:
    # enum values not in the model, and members the model does not have. Both clients
    # must pass the enums through and ignore the members.
    future = _minimal()
    future["Service"]["Status"] = "HIBERNATING"
    future["Service"]["NetworkConfiguration"] = {"IpAddressType": "IPV6_ONLY"}
    future["Service"]["FutureMember"] = {"nested": [1, Ts("2.5e-3"), {"a": None, "b": [True, "x"]}]}
    future["FutureTopLevel"] = "\u00e9"
    cases.append(("edge_future_enums_and_members", future, False))
    return cases


def generate(seed=DEFAULT_SEED, count=DEFAULT_COUNT):
    """[(name, value, body_bytes, conformant)]: the edge cases, then `count` random ones."""
    rng = random.Random(seed)
    out = []
    for name, value, conformant in edge_cases(rng):
        out.append((name, value, body_of(rng, value), conformant))
    for i in range(count):
        value = response(rng)
        out.append(("random_%02d" % i, value, body_of(rng, value), True))
    return out


# --------------------------------------------------------------------------------------
# Model conformance, from botocore's own model (independent of the codec under test)


def _ecma_pattern(pattern):
    """The model's pattern for Python's re: '.' (outside classes) as ECMA-262 has it."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
        elif c == ".":
            c = "[^\\n\\r\\u2028\\u2029]"
        out.append(c)
        i += 1
    return "".join(out)


def check_conformance(shape, value, path="", problems=None):
    """Lists every model constraint `value` breaks (empty list: conformant)."""
    if problems is None:
        problems = []
    t = shape.type_name
    md = shape.metadata
    where = path or "<root>"
    if t == "structure":
        if not isinstance(value, dict):
            problems.append("%s: not a structure" % where)
            return problems
        for req in shape.required_members:
            if req not in value:
                problems.append("%s: missing required %s" % (where, req))
        for k, v in value.items():
            if k not in shape.members:
                problems.append("%s: unknown member %s" % (where, k))
            else:
                check_conformance(shape.members[k], v, path + "." + k if path else k, problems)
    elif t == "map":
        for k, v in value.items():
            check_conformance(shape.key, k, "%s{key %r}" % (where, k), problems)
            check_conformance(shape.value, v, "%s[%r]" % (where, k), problems)
    elif t == "string":
        if not isinstance(value, str):
            problems.append("%s: not a string" % where)
            return problems
        if "min" in md and len(value) < md["min"]:
            problems.append("%s: shorter than %d" % (where, md["min"]))
        if "max" in md and len(value) > md["max"]:
            problems.append("%s: longer than %d" % (where, md["max"]))
        if shape.enum and value not in shape.enum:
            problems.append("%s: %r not in the enum" % (where, value))
        if "pattern" in md and shape.name != "ServiceId":  # the documented model defect
            if not re.fullmatch(_ecma_pattern(md["pattern"]), value, re.ASCII):
                problems.append("%s: %r does not match %s" % (where, value, md["pattern"]))
    elif t in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append("%s: not an integer" % where)
        elif not -2 ** 31 <= value < 2 ** 31:
            problems.append("%s: not an int32" % where)
        elif ("min" in md and value < md["min"]) or ("max" in md and value > md["max"]):
            problems.append("%s: %d out of range" % (where, value))
    elif t == "boolean":
        if not isinstance(value, bool):
            problems.append("%s: not a boolean" % where)
    elif t == "timestamp":
        if not isinstance(value, Ts):
            problems.append("%s: not a timestamp" % where)
    else:
        problems.append("%s: unexpected shape type %s" % (where, t))
    return problems


def expected_parse(shape, value, timestamp=Ts.datetime):
    """What a client must produce for `value` under `shape` (members the model lacks
    dropped, nulls dropped), each timestamp as `timestamp(ts)` gives it: by default
    botocore's reading (a UTC datetime, to the microsecond it rounds to)."""
    t = shape.type_name
    if t == "structure":
        return {k: expected_parse(shape.members[k], v, timestamp) for k, v in value.items()
                if k in shape.members and v is not None}
    if t == "map":
        return {k: expected_parse(shape.value, v, timestamp) for k, v in value.items()}
    if t == "timestamp":
        return timestamp(value)
    return value


def _js_date(ts):
    """The JS SDK's reading of a timestamp, as sdk_interop.mjs's normalize() shows it."""
    return {"$date": ts.sdk_millis()}


# Timestamp rows that //tests/interop:botocore_response_test and :js_sdk_test both run,
# one minimal response each (the value in Service.CreatedAt). For each: decode-response
# writes Ts.canonical() (the shortest exact decimal), and each client reads our bytes
# exactly as it reads the original's, which is Ts.botocore_reading() / Ts.sdk_millis().
# Both tests pin this list.
TIMESTAMP_ROWS = [
    # exponent form
    "1.6062459e9", "1.784316439424E9", "1.7000000001234e9", "1700000000123456789e-9",
    # before 1970
    "-1.5", "-0.001", "-1.000001", "-86400.000250", "-1700000000.999999999",
    # the JS SDK's ties (Math.round of the double product decides)
    "1.0005", "-1.0005", "-0.0005", "1096144879.5405", "1096144879.5415", "2183675157.1105",
    "-0",
    # the last and the first representable instants of years 1..9999
    "253402300799.999", "253402300799.999999", "-62135596800",
    # below a millisecond: botocore keeps microseconds, rounding half to even
    "1700000000.123456", "1700000000.0005", "1700000000.000001", "1700000000.999999",
    "0.000001", "-0.000001", "0.0000025", "0.0000035", "-0.0000025",
    # below a microsecond: 7 to 9 fraction digits
    "1700000000.1234567", "1700000000.12345678", "1700000000.123456789",
    "1700000000.0000005", "1700000000.000000001",
    # beyond nanoseconds: the codec rounds to the nearest, halves toward +infinity
    "1700000000.1234567891", "1700000000.0000000005", "-0.0000000005",
    "-62135596800.0000000005",
]


def minimal_body(created_at):
    """A minimal conformant PauseService response whose Service.CreatedAt is the JSON
    number text `created_at` (sdk_interop.mjs's minimalResponse writes the same bytes)."""
    return ('{"Service":{"ServiceName":"abcd","ServiceId":"%s",'
            '"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/a/1/%s",'
            '"CreatedAt":%s,"UpdatedAt":0.001,"Status":"RUNNING","SourceConfiguration":{},'
            '"InstanceConfiguration":{},"AutoScalingConfigurationSummary":{},'
            '"NetworkConfiguration":{}},"OperationId":"17fe9f55-7e91-4097-b243-fcabbb69a4cf"}'
            % ("0" * 32, "0" * 32, created_at)).encode("ascii")


def timestamp_rows_json(out):
    """TIMESTAMP_ROWS as one JSON array of {"text", "canonical", "sdk_millis"}."""
    json.dump([{"text": t, "canonical": Ts(t).canonical(), "sdk_millis": Ts(t).sdk_millis()}
               for t in TIMESTAMP_ROWS], out)
    out.write("\n")
    return 0


def write_jsonl(out, seed=DEFAULT_SEED, count=DEFAULT_COUNT):
    """The cases of generate(seed, count) as JSON lines (see the module docstring)."""
    try:
        import botocore.session
    except ImportError as e:
        sys.stderr.write("botocore_response_gen.py: FATAL: --jsonl needs botocore for the "
                         "model; cannot import it with %s: %s\n" % (sys.executable, e))
        return 3
    shape = (botocore.session.get_session().get_service_model("apprunner")
             .operation_model("PauseService").output_shape)
    cases = generate(seed, count)
    for name, value, body, conformant in cases:
        out.write(json.dumps({
            "name": name, "conformant": conformant,
            "body": base64.b64encode(body).decode("ascii"),
            "expected": expected_parse(shape, value, _js_date),
        }, ensure_ascii=True, sort_keys=True) + "\n")
    out.write(json.dumps({"end": len(cases)}) + "\n")
    return 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--timestamp-rows":
        return timestamp_rows_json(sys.stdout)
    if len(argv) > 1 and argv[1] == "--jsonl":
        args = argv[2:]
        return write_jsonl(sys.stdout, int(args[0]) if args else DEFAULT_SEED,
                           int(args[1]) if len(args) > 1 else DEFAULT_COUNT)
    seed = int(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    count = int(argv[2]) if len(argv) > 2 else DEFAULT_COUNT
    for name, _, body, conformant in generate(seed, count):
        sys.stdout.write("%s\t%s\t%s\n" % (name, "conformant" if conformant else "non-conformant",
                                           body.decode("utf-8").encode("unicode_escape")
                                           .decode("ascii")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
