#!/usr/bin/env python3
"""bench/chart.py: draws bench/results/chart.png from Google Benchmark JSON files.

  bench/chart.py RESULTS_DIR [--out chart.png]

Reads every *.json in RESULTS_DIR (Google Benchmark output, as bench/report writes it:
request.json, response.json, service.json, capi.json; missing ones are simply absent),
takes the median aggregates (CPU time, the same medians() / to_ns() as bench/report's
table), sorts each benchmark into a (task group, library) by the explicit table ROWS
below, and draws with gnuplot (pngcairo) a horizontal grouped bar chart on a log scale:
one group per task, our bar first, one colour per library (the same in every group),
and each alternative's ratio (its time / ours; above 1x ours is faster) beside its bar.
Benchmarks the table does not know are left out with a note on stderr; a group is drawn
only when it has our bar and at least one other. Also writes the plotted rows next to
the PNG (chart.dat). Exit status 1 when no group can be drawn or gnuplot fails.
"""
import argparse
import glob
import math
import importlib.machinery
import importlib.util
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _load_report():
    """bench/report (no .py extension) as a module: its medians() and to_ns()."""
    path = os.path.join(HERE, "report")
    loader = importlib.machinery.SourceFileLoader("bench_report", path)
    spec = importlib.util.spec_from_loader("bench_report", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


_report = _load_report()
medians = _report.medians
to_ns = _report.to_ns

# Libraries: key -> (legend text, colour). The order is the order within each group and
# in the legend. "ours" is the reference of every group.
LIBRARIES = [
    ("ours", "apprunner-codec (ours)", "#1f5fbf"),
    ("nlohmann", "nlohmann::json (+ std::regex)", "#e8710a"),
    ("rapidjson", "RapidJSON (+ RE2)", "#8e44ad"),
    ("boost", "Boost.JSON + RE2", "#8c564b"),
    ("ondemand", "simdjson On-Demand + RE2, straightforward", "#e377c2"),
    ("floor_od", "floor: simdjson On-Demand read (+ RE2 match)", "#9aa53a"),
    ("floor_dom", "floor: simdjson DOM parse, every member touched", "#7f7f7f"),
    ("re2", "RE2", "#d62728"),
    ("hyperscan", "Hyperscan", "#17becf"),
    ("cpp", "C++ RequestProcessor (same library, no C ABI)", "#2ca02c"),
]
LIB_INDEX = {key: i for i, (key, _, _) in enumerate(LIBRARIES)}

_BASELINES = {
    "NlohmannStdRegex": ("nlohmann", "nlohmann::json + std::regex"),
    "RapidJsonRe2": ("rapidjson", "RapidJSON + RE2"),
    "BoostJsonRe2": ("boost", "Boost.JSON + RE2"),
    "OnDemandRe2": ("ondemand", "simdjson On-Demand + RE2"),
}
OURS = "apprunner-codec (ours)"
_BASE = "(?P<base>" + "|".join(_BASELINES) + ")"
# Patterns drawn one by one (the rest only in the geometric-mean group): ServiceArn's.
HEADLINE_PATTERNS = ["AppRunnerResourceArn"]
_PATTERN_CASE = r"(?P<op>%s)/(?P<m>match|nomatch)" % "|".join(HEADLINE_PATTERNS)
_CAPI_CASE = r"(?P<op>[A-Za-z]+)_(?P<kind>valid|invalid|malformed)(?P<padded>_padded)?"

# Group templates: key -> title ({op}, {case} filled from the name's match).
GROUPS = {
    "req": "PauseService request: decode + validate (request_bench)",
    "req_op": "{op} request: decode + validate (service_bench)",
    "resp_dec": "PauseService response: decode only, vs simdjson floors (response_bench)",
    "resp_op_dec": "{op} response: decode only, vs simdjson DOM floor (service_bench)",
    "resp_dv": "PauseService response: decode + validate (response_bench)",
    "resp_op_dv": "{op} response: decode + validate (service_bench)",
    "encode": "PauseService response: encode (response_bench)",
    "pattern": "{op} pattern, {m} value: whole-value match (pattern_bench)",
    "pattern_all": "all {n} patterns x (match, no match): geometric mean (pattern_bench)",
    "capi": "C ABI vs C++, {case} (capi_bench)",
}
GROUP_ORDER = ["req", "req_op", "resp_dv", "resp_op_dv", "resp_dec", "resp_op_dec", "encode",
               "pattern", "pattern_all", "capi"]

# (name pattern, group, library, bar label). library "base" = from the (?P<base>) match;
# a label of None = the library's legend text; "{x}" fields come from the match.
ROWS = [
    (r"BM_DecodeValidate", "req", "ours", OURS),
    (r"BM_Baseline_%s_DecodeValidate" % _BASE, "req", "base", None),
    (r"FLOOR_SUM", "req", "floor_od", "floor: On-Demand ServiceArn + RE2 FullMatch"),
    (r"BM_Request_DecodeValidate/(?P<op>\w+)", "req_op", "ours", OURS),
    (r"BM_Request_Baseline_%s_(?P<op>\w+)" % _BASE, "req_op", "base", None),
    (r"BM_Response_Decode", "resp_dec", "ours", OURS),
    (r"BM_Response_Floor_SimdjsonDomTouchAll", "resp_dec", "floor_dom", "floor: simdjson DOM, touch all"),
    (r"BM_Response_Floor_OnDemandReadAll", "resp_dec", "floor_od", "floor: simdjson On-Demand, read all"),
    (r"BM_Response_Decode/(?P<op>\w+)", "resp_op_dec", "ours", OURS),
    (r"BM_Response_Floor_SimdjsonDomTouchAll/(?P<op>\w+)", "resp_op_dec", "floor_dom",
     "floor: simdjson DOM, touch all"),
    (r"BM_Response_DecodeValidate", "resp_dv", "ours", OURS),
    (r"BM_Response_Baseline_%s" % _BASE, "resp_dv", "base", None),
    (r"BM_Response_DecodeValidate/(?P<op>\w+)", "resp_op_dv", "ours", OURS),
    (r"BM_Response_Baseline_%s_(?P<op>\w+)" % _BASE, "resp_op_dv", "base", None),
    (r"BM_Response_Encode", "encode", "ours", OURS),
    (r"BM_Response_Encode_RapidJsonWriter", "encode", "rapidjson", "RapidJSON Writer"),
    (r"BM_Response_Encode_NlohmannDump", "encode", "nlohmann", "nlohmann::json build + dump()"),
    (r"BM_Response_Encode_NlohmannDumpOnly", "encode", "nlohmann", "nlohmann::json dump() only"),
    # Pattern matching (pattern_bench: BM_Pattern_<engine>/<pattern>/<match|nomatch>): the
    # generated matcher is ours. One group per headline pattern; every pattern together in
    # the summary group ("PATTERN_GEOMEAN/<engine>", made by pattern_summary()).
    (r"BM_Pattern_Generated/%s" % _PATTERN_CASE, "pattern", "ours", "generated matcher (ours)"),
    (r"BM_Pattern_Re2/%s" % _PATTERN_CASE, "pattern", "re2", "RE2 FullMatch"),
    (r"BM_Pattern_Hyperscan/%s" % _PATTERN_CASE, "pattern", "hyperscan", "Hyperscan"),
    (r"BM_Pattern_HyperscanFastForm/%s" % _PATTERN_CASE, "pattern", "hyperscan",
     "Hyperscan on RE2's fast form"),
    (r"PATTERN_GEOMEAN/Generated/(?P<n>\d+)", "pattern_all", "ours", "generated matcher (ours)"),
    (r"PATTERN_GEOMEAN/Re2/(?P<n>\d+)", "pattern_all", "re2", "RE2 FullMatch"),
    (r"PATTERN_GEOMEAN/Hyperscan/(?P<n>\d+)", "pattern_all", "hyperscan", "Hyperscan"),
    # The C ABI: apprunner_codec_inspect is the reference, the C++ processor the other bar.
    (r"BM_CAbi/%s" % _CAPI_CASE, "capi", "ours", "C ABI apprunner_codec_inspect"),
    (r"BM_Processor/%s" % _CAPI_CASE, "capi", "cpp", "C++ RequestProcessor::Process"),
]
ROWS = [(re.compile(p + r"\Z"), g, lib, label) for p, g, lib, label in ROWS]

# Measured but deliberately not in the chart (no alternative to compare with, or a
# parameter sweep): not reported as unknown.
NOT_CHARTED = re.compile(
    r"(BM_Decode|BM_Validate|BM_Encode|BM_DecodeValidate_ArnLength/.*|BM_Floor_\w+"
    r"|BM_Response_Decode_MemberOrder/.*|BM_Response_DecodePadded|BM_Response_Validate"
    r"|BM_Error_\w+/.*|BM_Response_DecodeValidate_(MapEntries|Threads)/.*|BM_Dispatch/.*"
    r"|BM_Request_Decode/.*|BM_HttpInspector/.*|BM_Pattern_\w+/.*)\Z")


def load(results_dir):
    """{benchmark name: median CPU ns} over every JSON file of results_dir, + repetitions."""
    results, reps = {}, set()
    for path in sorted(glob.glob(os.path.join(results_dir, "*.json"))):
        try:
            _, med = medians(path)
        except (OSError, ValueError, KeyError) as e:
            print("chart: skipping %s (%s)" % (path, e), file=sys.stderr)
            continue
        with open(path) as f:
            for m in re.finditer(r'"repetitions":\s*(\d+)', f.read()):
                reps.add(int(m.group(1)))
        for name, entry in med.items():
            results[name] = to_ns(entry)
    # The request floor as bench/report's table has it: On-Demand ServiceArn + RE2 FullMatch.
    if "BM_Floor_OnDemandServiceArn" in results and "BM_Floor_Re2FullMatchArn" in results:
        results["FLOOR_SUM"] = results["BM_Floor_OnDemandServiceArn"] + results["BM_Floor_Re2FullMatchArn"]
    pattern_summary(results)
    return results, reps


def pattern_summary(results):
    """PATTERN_GEOMEAN/<engine>/<n>: geometric mean over the n (pattern, match|nomatch) cases
    every engine ran, so the bars' ratio is the geometric mean of the per-case ratios."""
    cases = {}
    for name, ns in results.items():
        m = re.match(r"BM_Pattern_(Generated|Re2|Hyperscan)/([^/]+/(?:match|nomatch))\Z", name)
        if m:
            cases.setdefault(m.group(2), {})[m.group(1)] = ns
    full = [c for c in cases.values() if len(c) == 3]
    if len(full) < 2:
        return
    n = len({k.split("/")[0] for k, c in cases.items() if len(c) == 3})
    for engine in ("Generated", "Re2", "Hyperscan"):
        results["PATTERN_GEOMEAN/%s/%d" % (engine, n)] = math.exp(
            sum(math.log(c[engine]) for c in full) / len(full))


def classify(results):
    """[(group title, [(library key, bar label, ns), ...]), ...] in drawing order."""
    groups, unknown = {}, []
    for name, ns in results.items():
        for pattern, group, lib, label in ROWS:
            m = pattern.match(name)
            if not m:
                continue
            fields = m.groupdict()
            if lib == "base":
                lib, base_label = _BASELINES[fields["base"]]
                label = label or base_label
            if fields.get("m"):
                fields["m"] = "matching" if fields["m"] == "match" else "non-matching"
            if "kind" in fields:
                fields["case"] = "%s %s%s" % (fields["op"], fields["kind"],
                                              ", padded buffer" if fields.get("padded") else "")
            label = (label or dict((k, t) for k, t, _ in LIBRARIES)[lib]).format(**fields)
            title = GROUPS[group].format(**fields)
            groups.setdefault(title, (GROUP_ORDER.index(group), len(groups), []))[2].append((lib, label, ns))
            break
        else:
            if name != "FLOOR_SUM" and not name.startswith("PATTERN_GEOMEAN/") and \
                    not NOT_CHARTED.match(name):
                unknown.append(name)
    if unknown:
        print("chart: not charted (no rule in bench/chart.py ROWS): %s" % ", ".join(sorted(unknown)),
              file=sys.stderr)
    out = []
    for title, (_, _, rows) in sorted(groups.items(), key=lambda kv: kv[1][:2]):
        ours = [r for r in rows if r[0] == "ours"]
        others = sorted((r for r in rows if r[0] != "ours"), key=lambda r: (LIB_INDEX[r[0]], r[1]))
        if len(ours) != 1 or not others:
            continue
        out.append((title, ours + others))
    return out


def gp_str(text):
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def fmt_ns(ns):
    return "{:,.0f}".format(ns) if ns >= 10 else "%.1f" % ns


def draw(groups, out_png, reps):
    # Rows top to bottom: a title row per group, then its bars, then a spacer.
    rows, headers, seps = [], [], []
    y = 0
    for gi, (title, bars) in enumerate(groups):
        if gi:
            seps.append(y - 0.5)
        headers.append((y, title))
        y += 1
        ours_ns = bars[0][2]
        for lib, label, ns in bars:
            ratio = ns / ours_ns
            rows.append((y, lib, label, ns, ratio, title))
            y += 1
        y += 0.4
    n_y = y
    lo = min(r[3] for r in rows)
    hi = max(r[3] for r in rows)
    xmin = 10 ** int(math.floor(math.log10(lo / 1.5)))
    xmax = hi * 8

    dat = os.path.splitext(out_png)[0] + ".dat"
    with open(dat, "w") as f:
        f.write("# bench/chart.py: y\tlibrary\tns (median CPU)\tratio (theirs/ours)\tbar label\tvalue label\tgroup\n")
        for y, lib, label, ns, ratio, title in rows:
            if lib == "ours":
                text = "%s ns" % fmt_ns(ns)
            else:
                text = "{/:Bold %sx}   %s ns" % ("%.2f" % ratio if ratio < 10 else "%.1f" % ratio, fmt_ns(ns))
            f.write("%g\t%d\t%.3f\t%.4f\t%s\t%s\t%s\n" % (y, LIB_INDEX[lib], ns, ratio, label, text, title))

    tics = []
    t = xmin
    while t <= xmax:
        tics.append('"%s ns" %g' % ("{:,}".format(int(t)), t))
        t *= 10
    script = []
    script.append('set terminal pngcairo size 1800,%d enhanced font "DejaVu Sans,11"' % (190 + 23 * n_y))
    script.append("set output %s" % gp_str(out_png))
    script.append('set datafile separator "\\t"')
    script.append("set title %s noenhanced font \",14\"" % gp_str(
        "apprunner-codec vs alternatives: CPU time per operation, median of %s repetitions "
        "(shorter is faster)\nNumber beside each bar: its time / ours (e.g. 3.4x = ours is 3.4 times "
        "faster); same library, same colour in every group"
        % ("/".join(str(r) for r in sorted(reps)) or "?")))
    script.append("set logscale x")
    script.append("set xrange [%g:%g]" % (xmin, xmax))
    script.append("set xtics (%s) nomirror" % ", ".join(tics))
    script.append("set mxtics 10")
    script.append('set xlabel "CPU time per operation, ns (log scale)"')
    script.append("set yrange [%g:-0.8]" % (n_y - 0.2))
    script.append("set ytics (%s) nomirror noenhanced scale 0" %
                  ", ".join("%s %g" % (gp_str(r[2]), r[0]) for r in rows))
    script.append("set grid xtics mxtics lc rgb '#dddddd', lc rgb '#f0f0f0'")
    script.append("set border 3")
    script.append("set style fill solid 0.9 border lc rgb '#333333'")
    script.append("set key outside right top vertical Left reverse noenhanced samplen 2 spacing 1.3 "
                  "font \",11\" box lc rgb '#bbbbbb' width 1 height 0.5 title \"colour = library\"")
    for y, title in headers:
        script.append("set label %s at graph 0.005, first %g left font \"DejaVu Sans Bold,11\" noenhanced"
                      % (gp_str(title), y))
    for y in seps:
        script.append("set arrow from graph 0, first %g to graph 1, first %g nohead lc rgb '#999999' dt 2"
                      % (y, y))
    plots = []
    used = sorted({r[1] for r in rows}, key=lambda k: LIB_INDEX[k])
    for lib in used:
        key, legend, colour = LIBRARIES[LIB_INDEX[lib]]
        plots.append(
            "%s using (($2==%d)?$3:NaN):1:(%g):3:($1-0.38):($1+0.38) with boxxyerror lc rgb '%s' title %s"
            % (gp_str(dat), LIB_INDEX[lib], xmin, colour, gp_str(legend)))
    plots.append("%s using ($3*1.12):1:6 with labels left font \",10\" notitle" % gp_str(dat))
    script.append("plot " + ", \\\n     ".join(plots))
    try:
        subprocess.run(["gnuplot"], input="\n".join(script) + "\n", text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print("chart: not drawn (gnuplot: %s); apt-get install gnuplot-nox" % e, file=sys.stderr)
        return False
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results_dir", help="directory holding Google Benchmark JSON files")
    ap.add_argument("--out", help="PNG to write (default RESULTS_DIR/chart.png)")
    args = ap.parse_args(argv)
    out = args.out or os.path.join(args.results_dir, "chart.png")
    results, reps = load(args.results_dir)
    groups = classify(results)
    if not groups:
        print("chart: nothing to draw from %s (no group with our benchmark and an alternative)"
              % args.results_dir, file=sys.stderr)
        return 1
    if not draw(groups, out, reps):
        return 1
    print("chart: %s (%d groups)" % (out, len(groups)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
