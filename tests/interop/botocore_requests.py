#!/usr/bin/env python3
"""Interop fixture: PauseService request bodies as botocore serializes them.

Run by //tests/interop:botocore_request_test; it never touches the network.

  botocore_requests.py OUT.jsonl
      Serializes one PauseService request per case with botocore's own awsJson1_0
      serializer (the code path boto3's client uses) and writes one JSON line per case:
        {"name", "arn", "arn_hex", "body_b64", "method", "url_path",
         "x_amz_target", "content_type", "botocore_version"}
      arn_hex is the UTF-8 of the ARN in hex, so the C++ side can compare against
      bytes that did not go through any JSON unescaping.

  botocore_requests.py --check-encoded IN.tsv EXPECTED_COUNT
      Reads lines "name<TAB>arn_hex<TAB>encoded_hex" (the C++ encoder's output for
      each decoded request) and checks that Python's json.loads of every encoded body
      gives exactly {"ServiceArn": <arn>}.

Exit status: 0 on success, 1 on a failed check, 2 on usage errors, 3 when botocore
cannot be imported (the test must fail then, never skip).
"""

import base64
import json
import sys

EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_BOTOCORE = 3

_PREFIX = "arn:aws:apprunner:us-east-1:123456789012:service/"
_ID = "8fe1e10304f84fd2b0df550fe98a71fa"


def _max_length_arn():
    # ServiceArn's model constraint is max 1011 characters; fill the service name.
    head = _PREFIX + "max-len/"
    arn = head + "x" * (1011 - len(head))
    assert len(arn) == 1011
    return arn


# (name, ServiceArn, botocore parameter validation). The test pins the count
# (kExpectedCases in the .cc file).
CASES = [
    # The example from the App Runner API reference (PauseService).
    ("api_reference_sample", _PREFIX + "python-app/" + _ID, True),
    ("partition_aws_cn",
     "arn:aws-cn:apprunner:cn-north-1:123456789012:service/python-app/" + _ID, True),
    ("partition_aws_us_gov",
     "arn:aws-us-gov:apprunner:us-gov-west-1:123456789012:service/python-app/" + _ID,
     True),
    # json.dumps (ensure_ascii) escapes these as \u00e9 and \u30b5...
    ("non_ascii_latin1", _PREFIX + "caf\u00e9-app/" + _ID, True),
    ("non_ascii_cjk", _PREFIX + "\u30b5\u30fc\u30d3\u30b9/" + _ID, True),
    # ... and astral characters as UTF-16 surrogate pairs: \ud83d\ude00 for U+1F600.
    ("astral_surrogate_pairs",
     _PREFIX + "smile-\U0001F600-\U0001D11E-\U0010FFFF/" + _ID, True),
    # BMP code points with special roles elsewhere (line/paragraph separators, BOM,
    # the last BMP code point).
    ("bmp_specials", _PREFIX + "sep\u2028\u2029\ufeff\uffff/" + _ID, True),
    ("quote_and_backslash", _PREFIX + 'q"uote\\back\\\\slash"/' + _ID, True),
    ("max_length_1011", _max_length_arn(), True),
    ("control_newline", _PREFIX + "line\nbreak/" + _ID, True),
    # \t stays \t; \x01, \x1f and DEL become \u0001, \u001f and \u007f.
    ("control_others", _PREFIX + "tab\tsoh\x01us\x1fdel\x7f/" + _ID, True),
    ("control_nul", _PREFIX + "nul\x00inside/" + _ID, True),
    # botocore's parameter validation rejects "" (min length 1); a client built with
    # Config(parameter_validation=False) sends it. A string on the wire: present.
    ("empty_string_unvalidated", "", False),
]


def _import_botocore():
    try:
        import botocore  # noqa: F401
        import botocore.session
        from botocore import serialize
    except ImportError as e:
        sys.stderr.write(
            "botocore_requests.py: FATAL: cannot import botocore with %s (%s): %s\n"
            "Install botocore for the python3 that is first on PATH.\n"
            % (sys.executable, sys.version.split()[0], e))
        sys.exit(EXIT_NO_BOTOCORE)
    return botocore, botocore.session, serialize


def serialize_cases(out_path):
    botocore, session_mod, serialize = _import_botocore()
    session = session_mod.get_session()
    model = session.get_service_model("apprunner")
    protocol = model.metadata["protocol"]
    if protocol != "json" or model.metadata.get("jsonVersion") != "1.0":
        sys.stderr.write("unexpected apprunner protocol %r jsonVersion %r\n"
                         % (protocol, model.metadata.get("jsonVersion")))
        return EXIT_CHECK_FAILED
    serializers = {
        True: serialize.create_serializer(protocol, include_validation=True),
        False: serialize.create_serializer(protocol, include_validation=False),
    }
    op = model.operation_model("PauseService")
    with open(out_path, "w", encoding="ascii", newline="\n") as out:
        for name, arn, validate in CASES:
            req = serializers[validate].serialize_to_request({"ServiceArn": arn}, op)
            body = req["body"]
            if isinstance(body, str):
                body = body.encode("utf-8")
            headers = req["headers"]
            row = {
                "name": name,
                "arn": arn,
                "arn_hex": arn.encode("utf-8").hex(),
                "body_b64": base64.b64encode(body).decode("ascii"),
                "method": req["method"],
                "url_path": req["url_path"],
                "x_amz_target": headers.get("X-Amz-Target"),
                "content_type": headers.get("Content-Type"),
                "botocore_version": botocore.__version__,
            }
            out.write(json.dumps(row, ensure_ascii=True) + "\n")
    print("botocore %s (python %s): wrote %d cases to %s"
          % (botocore.__version__, sys.version.split()[0], len(CASES), out_path))
    return 0


def check_encoded(in_path, expected_count):
    failures = []
    count = 0
    with open(in_path, "r", encoding="ascii") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            count += 1
            name, arn_hex, encoded_hex = line.split("\t")
            arn = bytes.fromhex(arn_hex).decode("utf-8")
            encoded = bytes.fromhex(encoded_hex)
            try:
                parsed = json.loads(encoded.decode("utf-8", errors="strict"))
            except ValueError as e:
                failures.append("%s: json.loads failed on %r: %s" % (name, encoded, e))
                continue
            if parsed != {"ServiceArn": arn}:
                failures.append("%s: encoded %r parsed to %r, expected ServiceArn %r"
                                % (name, encoded, parsed, arn))
    if count != expected_count:
        failures.append("read %d encoded rows, expected %d" % (count, expected_count))
    for f in failures:
        print("FAIL " + f)
    if failures:
        return EXIT_CHECK_FAILED
    print("json.loads agreed on all %d encoded bodies" % count)
    return 0


def main(argv):
    if len(argv) == 2 and not argv[1].startswith("-"):
        return serialize_cases(argv[1])
    if len(argv) == 4 and argv[1] == "--check-encoded":
        return check_encoded(argv[2], int(argv[3]))
    sys.stderr.write(__doc__)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main(sys.argv))
