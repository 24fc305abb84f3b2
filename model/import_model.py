#!/usr/bin/env python3
"""Imports the PauseService slice of the App Runner service model from botocore.

Reads botocore's data/apprunner/2020-05-15/service-2.json(.gz), keeps the protocol
metadata, the PauseService operation and every shape in the closure of its input,
output and errors, drops all documentation text, and writes the facts as
model/apprunner-pause-service.json (deterministic: shapes sorted by name, members in
model order).

  python3 model/import_model.py                 # rewrite model/apprunner-pause-service.json
  python3 model/import_model.py --check FILE    # exit 1 if FILE differs from botocore
  python3 model/import_model.py --stdout        # print the model
  ... --source FILE   read this botocore-format service-2.json instead of botocore's
"""
import argparse
import gzip
import json
import os
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


def import_model(model, version):
    op = model["operations"][OPERATION]
    unknown = set(op) - OPERATION_KEYS - DOC_KEYS
    if unknown:
        sys.exit("import_model: operation traits not understood: %s" % sorted(unknown))
    errors = [e["shape"] for e in op["errors"]]
    roots = [op["input"]["shape"], op["output"]["shape"]] + errors
    out_shapes = {}
    for name in closure(model["shapes"], roots):
        src = model["shapes"][name]
        unknown = set(src) - set(SHAPE_KEYS) - STRUCTURAL_KEYS - DOC_KEYS
        if unknown:
            sys.exit("import_model: shape traits not understood: %s in %s"
                     % (sorted(unknown), name))
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
                    sys.exit("import_model: member traits not understood: %s in %s"
                             % (sorted(extra), name))
        elif src["type"] == "map":
            shape["key"] = src["key"]["shape"]
            shape["value"] = src["value"]["shape"]
        elif src["type"] == "list":
            shape["member"] = src["member"]["shape"]
        out_shapes[name] = shape
    return {
        "source": "botocore %s data/apprunner/2020-05-15/service-2.json" % version,
        "metadata": {k: v for k, v in sorted(model["metadata"].items()) if k not in DOC_KEYS},
        "operation": {
            "name": OPERATION,
            "http": {"method": op["http"]["method"], "requestUri": op["http"]["requestUri"]},
            "input": op["input"]["shape"],
            "output": op["output"]["shape"],
            "errors": errors,
        },
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
    ap.add_argument("--check", metavar="FILE")
    ap.add_argument("--stdout", action="store_true")
    ap.add_argument("--source", metavar="FILE")
    args = ap.parse_args()
    model, version = load_botocore_model(args.source)
    text = render(import_model(model, version))
    if args.check:
        with open(args.check, encoding="utf-8") as f:
            current = f.read()
        if strip_source(current) != strip_source(text):
            sys.stderr.write("model drift: %s differs from the installed botocore %s model;"
                             " run python3 model/import_model.py\n" % (args.check, version))
            return 1
        print("model matches botocore %s" % version)
        return 0
    if args.stdout:
        sys.stdout.write(text)
        return 0
    with open(os.path.join(here, "apprunner-pause-service.json"), "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
