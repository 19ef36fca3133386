#!/usr/bin/env python3
"""A compact Markdown table of a JMH JSON result file.

Usage: jmh_summary.py RESULT.json [SETTINGS-TEXT]
"""
import json, sys
runs = json.load(open(sys.argv[1]))
print("## JMH results (%s)\n" % sys.argv[1].rsplit("/", 1)[-1])
if runs:
    r0 = runs[0]
    print("JMH %s, %s %s, settings `%s`.\n" % (r0.get("jmhVersion", "?"), r0.get("vmName", ""), r0.get("jdkVersion", ""), (sys.argv[2] if len(sys.argv) > 2 else "?")))
print("Score = mean of the measured iterations +- JMH's 99.9% error; best = the fastest iteration, steadier than the")
print("mean when other work shares the machine. alloc = bytes allocated per operation (gc profiler).\n")
print("| benchmark | params | score | error (99.9%) | best | unit | alloc B/op |")
print("|---|---|---:|---:|---:|---|---:|")
for r in runs:
    name = r["benchmark"].replace("io.ifastapi.bench.", "")
    params = ", ".join("%s=%s" % kv for kv in (r.get("params") or {}).items())
    m = r["primaryMetric"]
    err = m.get("scoreError")
    err = "%.1f" % err if isinstance(err, (int, float)) and err == err else "-"
    alloc = (r.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm", {}).get("score")
    alloc = "%.0f" % alloc if alloc is not None else "-"
    raw = [v for fork in (m.get("rawData") or []) for v in fork]
    best = "%.1f" % min(raw) if raw else "-"
    print("| %s | %s | %.1f | %s | %s | %s | %s |" % (name, params, m["score"], err, best, m["scoreUnit"], alloc))
