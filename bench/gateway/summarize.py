#!/usr/bin/env python3
"""Summarizes the raw wrk outputs of bench/gateway/run.sh.

Reads RAW/<workload>.<config>.<run>.txt (wrk --latency output), prints the Markdown
tables to stdout, writes them with a header (from --meta, key=value lines) to --md,
and writes the gnuplot data file --dat (per workload: median, min, max req/s of each
configuration). Medians over runs; ratios are medians of per-run ratios (the runs are
interleaved, so run r of two configurations were measured seconds apart).
"""

import argparse
import pathlib
import re
import statistics
import sys

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}  # to milliseconds

CONFIG_TITLES = {
    "proxy": "(a) proxy only",
    "body-read": "(b) proxy + Lua body read",
    "validate": "(c) proxy + validation",
}

COST_GOAL = 0.95  # validate / body-read requests/s: validation costs at most 5 %


def parse_time(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not m:
        raise ValueError(f"unparsable time {text!r}")
    return float(m.group(1)) * UNITS[m.group(2)]


def parse_wrk(path):
    text = path.read_text()
    out = {"non2xx": 0, "socket_errors": 0}
    m = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    if not m:
        raise ValueError(f"{path}: no Requests/sec line:\n{text}")
    out["rps"] = float(m.group(1))
    for pct, key in (("50", "p50"), ("99", "p99")):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M)
        if not m:
            raise ValueError(f"{path}: no {pct}% latency line")
        out[key] = parse_time(m.group(1))
    m = re.search(r"^\s+(\d+) requests in", text, re.M)
    out["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        out["non2xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        out["socket_errors"] = sum(int(g) for g in m.groups())
    return out


def fmt_rps(x):
    return f"{x:,.0f}".replace(",", " ")


def fmt_ms(x):
    return f"{x * 1000:.0f} µs" if x < 1 else f"{x:.2f} ms"


def ratio_cell(values):
    med = statistics.median(values)
    return med, f"{med:.3f} ({min(values):.3f}–{max(values):.3f})"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raw", required=True, type=pathlib.Path)
    ap.add_argument("--meta", required=True, type=pathlib.Path)
    ap.add_argument("--md", required=True, type=pathlib.Path)
    ap.add_argument("--dat", required=True, type=pathlib.Path)
    ap.add_argument("--workloads", required=True, help="space-separated, in order")
    ap.add_argument("--configs", required=True, help="space-separated, in order")
    args = ap.parse_args()

    workloads = args.workloads.split()
    configs = args.configs.split()
    meta = dict(line.split("=", 1) for line in args.meta.read_text().splitlines() if "=" in line)

    # data[workload][config][run] = parsed wrk output
    data = {w: {c: {} for c in configs} for w in workloads}
    for path in sorted(args.raw.glob("*.txt")):
        w, c, r = path.stem.rsplit(".", 2)
        if w in data and c in data[w]:
            data[w][c][int(r)] = parse_wrk(path)
    for w in workloads:
        for c in configs:
            if not data[w][c]:
                sys.exit(f"summarize.py: no runs for {w} / {c}")

    lines = []
    warnings = []
    spreads = []
    lines.append(f"### Requests/s and latency (medians over {meta.get('runs', '?')} runs)")
    lines.append("")
    lines.append("| workload | configuration | req/s | min–max req/s | spread | p50 | p99 | non-2xx |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|")
    dat = ["# workload " + " ".join(f"{c}_median {c}_min {c}_max" for c in configs)]
    for w in workloads:
        row = [w]
        for c in configs:
            runs = data[w][c].values()
            rps = [x["rps"] for x in runs]
            med = statistics.median(rps)
            p50 = statistics.median(x["p50"] for x in runs)
            p99 = statistics.median(x["p99"] for x in runs)
            total = sum(x["requests"] for x in runs)
            non2xx = sum(x["non2xx"] for x in runs)
            errors = sum(x["socket_errors"] for x in runs)
            if errors:
                warnings.append(f"{w} / {c}: {errors} socket errors")
            share = f"{100.0 * non2xx / total:.0f} %" if total else "?"
            spread = (max(rps) - min(rps)) / med * 100
            spreads.append(spread)
            lines.append(
                f"| {w} | {CONFIG_TITLES.get(c, c)} | {fmt_rps(med)} | "
                f"{fmt_rps(min(rps))}–{fmt_rps(max(rps))} | {spread:.0f} % | "
                f"{fmt_ms(p50)} | {fmt_ms(p99)} | {share} |")
            row += [f"{med:.0f}", f"{min(rps):.0f}", f"{max(rps):.0f}"]
        dat.append(" ".join(row))
    lines.append("")

    lines.append("### Ratios of requests/s (median of per-run ratios, min–max over runs)")
    lines.append("")
    lines.append("| workload | body-read / proxy | validate / body-read | validation cost "
                 "| ≤ 5 % goal | validate / proxy | rejected faster than proxied |")
    lines.append("|---|---:|---:|---:|:---:|---:|:---:|")
    met_cost, met_reject = [], []
    for w in workloads:
        d = data[w]
        runs = sorted(set(d["proxy"]) & set(d["body-read"]) & set(d["validate"]))
        br_px = [d["body-read"][r]["rps"] / d["proxy"][r]["rps"] for r in runs]
        va_br = [d["validate"][r]["rps"] / d["body-read"][r]["rps"] for r in runs]
        va_px = [d["validate"][r]["rps"] / d["proxy"][r]["rps"] for r in runs]
        _, br_px_cell = ratio_cell(br_px)
        va_br_med, va_br_cell = ratio_cell(va_br)
        va_px_med, va_px_cell = ratio_cell(va_px)
        cost = (1 - va_br_med) * 100
        ok = va_br_med >= COST_GOAL
        met_cost.append((w, ok))
        if "rejected" in w:
            fast = va_px_med > 1.0
            met_reject.append((w, fast))
            fast_cell = "yes" if fast else "**no**"
        else:
            fast_cell = ""
        lines.append(f"| {w} | {br_px_cell} | {va_br_cell} | {cost:+.1f} % | "
                     f"{'yes' if ok else '**no**'} | {va_px_cell} | {fast_cell} |")
    lines.append("")
    lines.append("validation cost = 1 − (validate / body-read): the share of requests/s lost "
                 "to validation over the Lua body read (negative: validation was faster, as "
                 "for rejected requests, which are answered without proxying).")
    lines.append("")
    lines.append("Goals: validation costs at most 5 % against body-read-only: "
                 + ("**met** for all workloads" if all(ok for _, ok in met_cost) else
                    "**not met** for " + ", ".join(w for w, ok in met_cost if not ok))
                 + "; rejected requests served faster than proxied ones: "
                 + ("**met**" if all(ok for _, ok in met_reject) else
                    "**not met** for " + ", ".join(w for w, ok in met_reject if not ok))
                 + ".")
    if warnings:
        lines.append("")
        lines.append("Warnings: " + "; ".join(warnings) + ".")
    tables = "\n".join(lines) + "\n"
    sys.stdout.write(tables)

    spread_lo, spread_hi = min(spreads), max(spreads)
    header = f"""# Gateway overhead: nginx + gateway/nginx/apprunner_codec.lua

Measured {meta.get('date', '?')} on {meta.get('nproc', '?')} CPUs ({meta.get('cpu', '?')}),
kernel {meta.get('kernel', '?')}; {meta.get('nginx', '?')}, lua-nginx-module package
{meta.get('lua_module', '?')}, {meta.get('wrk', '?')}; library {meta.get('library', '?')},
tree `{meta.get('git', '?')}`. Load average at start / after measuring: {meta.get('load_before', '?')} /
{meta.get('load_after', '?')}; measuring took {meta.get('elapsed', '?')} s.

Command: `{meta.get('command', '?')}` — {meta.get('runs', '?')} runs of
{meta.get('seconds', '?')} s per workload and configuration, interleaved (run → workload →
configuration, order rotated per run), after a 1 s warm-up of each configuration.

Setup: one nginx instance, `worker_processes 1`, listening on 127.0.0.1 only; wrk
`-t1 -c{meta.get('connections', '16')} --latency` (one core for wrk, one for nginx).
Three server blocks of that instance, so the same worker serves all three:
(a) `proxy_pass` only; (b) (a) + `access_by_lua_block` doing `ngx.req.read_body()` and
`get_body_data()` (`get_body_file()` if spilled; never, bodies stay in memory); (c) (a) +
`require("apprunner_codec").access("bench")` (profile with `variables = false`; access logs
are off everywhere). Upstream: a fourth server block of the same nginx (same worker)
answering `return 200 '{{}}'` as application/x-amz-json-1.0, reached through an `upstream`
with `keepalive 32`, HTTP/1.1 and `Connection ""`; its cost is part of every proxied
request, alike for all configurations. Requests: `POST /`, `Content-Type:
application/x-amz-json-1.0`, `X-Amz-Target`. Workloads: pause-ok =
examples/pause-service-request.json (113 B, PauseService); pause-rejected = `{{}}`
(ServiceArn missing); create-ok = examples/operations/CreateService.request.json (3.2 KB);
create-rejected = the same with HealthCheckConfiguration.Interval 100 (max 20);
mixed-90-10 = 9 pause-ok, 9 create-ok, 1 pause-rejected, 1 create-rejected, cycled.
Verdicts were checked with curl before measuring: (a) and (b) answer 200 to everything,
(c) 200 to the accepted and 400 (awsJson1_0 InvalidRequestException) to the rejected
bodies; the non-2xx column confirms it under load.

How to read: absolute requests/s of identical runs vary (spread = (max − min) / median,
here {spread_lo:.0f}–{spread_hi:.0f} %; other processes on the machine widen it); compare
the ratios, which pair measurements taken seconds apart.

![median requests/s](gateway.png)

"""
    args.md.write_text(header + tables)
    args.dat.write_text("\n".join(dat) + "\n")


if __name__ == "__main__":
    main()
