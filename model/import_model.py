#!/usr/bin/env python3
"""Imports the App Runner service model from botocore.

Reads botocore's data/apprunner/2020-05-15/service-2.json(.gz), drops all documentation
text, and writes the facts, deterministically (shapes sorted by name, members in model
order), as two files:

- model/apprunner-pause-service.json: the PauseService slice (the protocol metadata, the
  operation and every shape in the closure of its input, output and errors), which the
  generator reads today;
- model/apprunner.json (--service): the whole service, every operation and every shape,
  plus what botocore's model lacks and the Smithy model has: each error's HTTP status
  (@httpError: 402 for ServiceQuotaExceededException) and the shape ID namespace, taken
  from the AWS SDK for JavaScript v3's error schemas (model/js_sdk_errors.mjs, run with
  the node on PATH over --js-sdk DIR, default tests/interop/js, where ./bazelw installs
  the SDK) and checked against botocore's own error facts.

  python3 model/import_model.py [--service]              # rewrite the file
  python3 model/import_model.py [--service] --check FILE # exit 1 if FILE has drifted
  python3 model/import_model.py [--service] --stdout     # print the model
  ... --source FILE   read this botocore-format service-2.json instead of botocore's
  ... --js-errors FILE  read model/js_sdk_errors.mjs's output from FILE instead of node
"""
import argparse
import gzip
import json
import os
import subprocess
import sys

OPERATION = "PauseService"
# Documentation text, dropped wherever it appears. Every other key of the metadata is
# kept as is (so a change of protocols, auth or signing fails the drift test).
DOC_KEYS = {"documentation", "documentationUrl", "deprecatedMessage"}
# Shape facts copied from botocore, in this order.
SHAPE_KEYS = ("type", "min", "max", "pattern", "enum", "sensitive", "exception",
              "fault", "error")
# Shape keys rendered in another form below. A key in neither list is a trait the
# importer (and the generator) does not understand: importing stops rather than drop it.
STRUCTURAL_KEYS = {"members", "required", "key", "value", "member"}
OPERATION_KEYS = {"name", "http", "input", "output", "errors"}


def load_botocore_model(source=None):
    if source:
        opener = gzip.open if source.endswith(".gz") else open
        with opener(source, "rt", encoding="utf-8") as f:
            return json.load(f), "file " + source
    import botocore  # the machine's python3 ships it
    base = os.path.join(os.path.dirname(botocore.__file__), "data", "apprunner",
                        "2020-05-15")
    for name, opener in (("service-2.json.gz", gzip.open), ("service-2.json", open)):
        path = os.path.join(base, name)
        if os.path.exists(path):
            with opener(path, "rt", encoding="utf-8") as f:
                return json.load(f), botocore.__version__
    sys.exit("import_model: no App Runner model under " + base)


def closure(shapes, roots):
    seen, order = set(), []
    stack = list(reversed(roots))
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        order.append(name)
        shape = shapes[name]
        refs = []
        if shape["type"] == "structure":
            refs = [m["shape"] for m in shape["members"].values()]
        elif shape["type"] == "map":
            refs = [shape["key"]["shape"], shape["value"]["shape"]]
        elif shape["type"] == "list":
            refs = [shape["member"]["shape"]]
        stack.extend(reversed(refs))
    return sorted(order)


def import_shape(name, src):
    unknown = set(src) - set(SHAPE_KEYS) - STRUCTURAL_KEYS - DOC_KEYS
    if unknown:
        sys.exit("import_model: shape traits not understood: %s in %s" % (sorted(unknown), name))
    shape = {k: src[k] for k in SHAPE_KEYS if k in src}
    if src["type"] == "structure":
        required = set(src.get("required", []))
        shape["members"] = [
            {"name": m, "target": ref["shape"], "required": m in required}
            for m, ref in src["members"].items()
        ]
        for ref in src["members"].values():
            extra = set(ref) - {"shape", "documentation"}
            if extra:
                sys.exit("import_model: member traits not understood: %s in %s" % (sorted(extra), name))
    elif src["type"] == "map":
        shape["key"] = src["key"]["shape"]
        shape["value"] = src["value"]["shape"]
    elif src["type"] == "list":
        shape["member"] = src["member"]["shape"]
    return shape


def import_operation(name, op):
    unknown = set(op) - OPERATION_KEYS - DOC_KEYS
    if unknown:
        sys.exit("import_model: operation traits not understood: %s in %s" % (sorted(unknown), name))
    return {
        "name": name,
        "http": {"method": op["http"]["method"], "requestUri": op["http"]["requestUri"]},
        "input": op["input"]["shape"],
        "output": op["output"]["shape"],
        "errors": [e["shape"] for e in op.get("errors", [])],
    }


def load_js_errors(js_sdk_dir, js_errors_file):
    if js_errors_file:
        with open(js_errors_file, encoding="utf-8") as f:
            return json.load(f)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "js_sdk_errors.mjs")
    try:
        out = subprocess.run(["node", script, js_sdk_dir], check=True, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True).stdout
    except FileNotFoundError:
        sys.exit("import_model: node is not on PATH (the error statuses come from the JS SDK)")
    except subprocess.CalledProcessError as e:
        sys.exit("import_model: %s failed on %s: %s" % (script, js_sdk_dir, e.stderr.strip()))
    return json.loads(out)


def import_service(model, version, js):
    """The whole service, with each error's @httpError status and shape namespace."""
    shapes = {name: import_shape(name, model["shapes"][name]) for name in sorted(model["shapes"])}
    exceptions = sorted(n for n, s in shapes.items() if s.get("exception"))
    js_errors = js["errors"]
    if sorted(js_errors) != exceptions:
        sys.exit("import_model: the JS SDK's errors %s are not botocore's exception shapes %s"
                 % (sorted(js_errors), exceptions))
    namespaces = {e["namespace"] for e in js_errors.values()}
    if len(namespaces) != 1:
        sys.exit("import_model: errors in several namespaces: %s" % sorted(namespaces))
    for name in exceptions:
        fact = js_errors[name]
        fault = "server" if shapes[name].get("fault") else "client"
        if fact["error"] != fault:
            sys.exit("import_model: %s is a %s error in botocore, %s in the JS SDK"
                     % (name, fault, fact["error"]))
        status = fact["httpError"]
        if not isinstance(status, int) or not 400 <= status <= 599:
            sys.exit("import_model: %s has no HTTP error status in the JS SDK: %r" % (name, status))
        botocore_status = shapes[name].get("error", {}).get("httpStatusCode")
        if botocore_status is not None and botocore_status != status:
            sys.exit("import_model: %s is HTTP %d in botocore, %d in the JS SDK"
                     % (name, botocore_status, status))
        shapes[name]["httpError"] = status
    operations = [import_operation(name, model["operations"][name])
                  for name in sorted(model["operations"])]
    for op in operations:
        for ref in [op["input"], op["output"]] + op["errors"]:
            if ref not in shapes:
                sys.exit("import_model: %s refers to the unknown shape %s" % (op["name"], ref))
    return {
        "source": "botocore %s data/apprunner/2020-05-15/service-2.json; %s %s error schemas"
                  % (version, js["package"], js["version"]),
        "metadata": {k: v for k, v in sorted(model["metadata"].items()) if k not in DOC_KEYS},
        "namespace": namespaces.pop(),
        "operations": operations,
        "shapes": shapes,
    }


def import_model(model, version):
    op = import_operation(OPERATION, model["operations"][OPERATION])
    roots = [op["input"], op["output"]] + op["errors"]
    out_shapes = {name: import_shape(name, model["shapes"][name])
                  for name in closure(model["shapes"], roots)}
    del op["name"]
    return {
        "source": "botocore %s data/apprunner/2020-05-15/service-2.json" % version,
        "metadata": {k: v for k, v in sorted(model["metadata"].items()) if k not in DOC_KEYS},
        "operation": dict({"name": OPERATION}, **op),
        "shapes": out_shapes,
    }


def render(doc):
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def strip_source(text):
    # The botocore version is recorded for humans; drift means a change of facts.
    doc = json.loads(text)
    doc.pop("source", None)
    return doc


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--service", action="store_true",
                    help="the whole service (model/apprunner.json), not the PauseService slice")
    ap.add_argument("--check", metavar="FILE")
    ap.add_argument("--stdout", action="store_true")
    ap.add_argument("--source", metavar="FILE")
    ap.add_argument("--js-sdk", metavar="DIR", default=os.path.join(os.path.dirname(here), "tests", "interop", "js"))
    ap.add_argument("--js-errors", metavar="FILE")
    args = ap.parse_args()
    model, version = load_botocore_model(args.source)
    if args.service:
        text = render(import_service(model, version, load_js_errors(args.js_sdk, args.js_errors)))
        target = "apprunner.json"
    else:
        text = render(import_model(model, version))
        target = "apprunner-pause-service.json"
    if args.check:
        with open(args.check, encoding="utf-8") as f:
            current = f.read()
        if strip_source(current) != strip_source(text):
            sys.stderr.write("model drift: %s differs from the installed botocore %s model;"
                             " run python3 model/import_model.py%s\n"
                             % (args.check, version, " --service" if args.service else ""))
            return 1
        print("model matches botocore %s" % version)
        return 0
    if args.stdout:
        sys.stdout.write(text)
        return 0
    with open(os.path.join(here, target), "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
