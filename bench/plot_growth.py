#!/usr/bin/env python3
"""Plots bench/growth.sh's CSV files (session.csv, conns.csv, idle.csv, blocked.csv, routes.csv in DIR) as PNGs in DIR.

Usage: plot_growth.py DIR      (needs matplotlib: apt-get install python3-matplotlib)
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(f))


def num(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def session_plot(d):
    data = rows(os.path.join(d, "session.csv"))
    if not data:
        return
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4))
    for ep, marker in (("/read", "o"), ("/counter", "s")):
        pts = sorted((num(r["cookie_bytes"]), num(r["rps"]), num(r["cpu_us_per_req"])) for r in data if r["endpoint"] == ep)
        if not pts:
            continue
        x = [p[0] for p in pts]
        a1.plot(x, [p[1] for p in pts], marker=marker, label=ep + (" (= /get-session)" if ep == "/read" else ""))
        a2.plot(x, [p[2] for p in pts], marker=marker, label=ep)
    a1.set(title="req/s vs session cookie size", xlabel="session cookie value (bytes)", ylabel="req/s")
    a2.set(title="server CPU per request", xlabel="session cookie value (bytes)", ylabel="µs CPU / request")
    for a in (a1, a2):
        a.grid(True, alpha=0.3)
        a.legend()
        a.set_ylim(bottom=0)
    fig.tight_layout()
    fig.savefig(os.path.join(d, "growth-session-size.png"), dpi=100)


def conns_plot(d):
    busy = rows(os.path.join(d, "conns.csv"))
    idle = rows(os.path.join(d, "idle.csv"))
    blocked = rows(os.path.join(d, "blocked.csv"))
    if not busy and not idle:
        return
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4))
    if busy:
        x = [num(r["conns"]) for r in busy]
        a1.plot(x, [num(r["rps"]) for r in busy], marker="o", label="req/s (/read)")
        a1b = a1.twinx()
        a1b.plot(x, [num(r["p99_ms"]) for r in busy], marker="s", color="tab:red", label="p99 ms")
        a1b.set_ylabel("p99 latency (ms)", color="tab:red")
        a1.set(title="/read under wrk vs open connections", xlabel="keep-alive connections", ylabel="req/s")
        a1.set_xscale("log")
        a1.set_ylim(bottom=0)
        a1.grid(True, alpha=0.3)
        a2.plot(x, [num(r["rss_max_mib"]) for r in busy], marker="o", label="RSS under load (max)")
    if idle:
        x = [num(r["conns"]) for r in idle]
        a2.plot(x, [num(r["rss_held_mib"]) for r in idle], marker="s", label="RSS, connections idle")
        a2.plot(x, [num(r["heap_held_mib"]) for r in idle], marker="^", label="live heap, connections idle")
    if blocked:
        x = [num(r["conns"]) for r in blocked]
        a2.plot(x, [num(r["heap_held_mib"]) for r in blocked], marker="v",
                label="live heap, a blocked request on each")
    a2.set(title="server memory vs open connections (-Xms1g)", xlabel="keep-alive connections", ylabel="MiB")
    a2.set_xscale("log")
    a2.set_ylim(bottom=0)
    a2.grid(True, alpha=0.3)
    a2.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(d, "growth-connections.png"), dpi=100)


def routes_plot(d):
    data = rows(os.path.join(d, "routes.csv"))
    if not data:
        return
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4))
    for kind, marker in (("static", "o"), ("templated", "s")):
        pts = sorted((num(r["routes"]), num(r["rps"]), num(r["cpu_us_per_req"])) for r in data if r["target"] == kind)
        if not pts:
            continue
        x = [p[0] for p in pts]
        a1.plot(x, [p[1] for p in pts], marker=marker, label="last %s route" % kind)
        a2.plot(x, [p[2] for p in pts], marker=marker, label="last %s route" % kind)
    a1.set(title="req/s vs number of routes", xlabel="routes", ylabel="req/s")
    a2.set(title="server CPU per request", xlabel="routes", ylabel="µs CPU / request")
    for a in (a1, a2):
        a.set_xscale("log")
        a.grid(True, alpha=0.3)
        a.legend()
        a.set_ylim(bottom=0)
    fig.tight_layout()
    fig.savefig(os.path.join(d, "growth-routes.png"), dpi=100)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for plot in (session_plot, conns_plot, routes_plot):
        plot(sys.argv[1])
    print("plots in", sys.argv[1])
