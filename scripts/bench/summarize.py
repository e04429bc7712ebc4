"""Helpers of scripts/bench/compare.sh: read `/usr/bin/time -v` reports, landed manifests and run
reports, and print markdown.

  summarize.py row LABEL ROWS TIME_FILE...   one table row: medians of wall, CPU (user+sys), peak RSS
  summarize.py rows OUT_ROOT REPORT          rows landed (sum of the day manifests)
  summarize.py bound OUT_ROOT REPORT FROM TO lower bound of calls: sum over 31-day spans of ceil(rows/60000)
  summarize.py calls OUT_ROOT                calls, retries and splits of the newest run report
"""
import glob
import json
import math
import os
import statistics
import sys
from datetime import date, timedelta


def read_time(path):
    facts = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.strip().rpartition(": ")
            facts[key] = value
    clock = facts["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    wall = sum(float(part) * 60 ** i for i, part in enumerate(reversed(clock)))
    cpu = float(facts["User time (seconds)"]) + float(facts["System time (seconds)"])
    rss = int(facts["Maximum resident set size (kbytes)"]) / 1024
    return wall, cpu, rss


def row(label, rows, files):
    samples = [read_time(f) for f in files]
    wall = statistics.median(s[0] for s in samples)
    cpu = statistics.median(s[1] for s in samples)
    rss = statistics.median(s[2] for s in samples)
    rate = int(rows) / wall if wall > 0 else 0
    print(f"| {label} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB | {rate:,.0f} |")


def day_rows(root, report):
    rows = {}
    for path in glob.glob(os.path.join(root, report, "dt=*", "_manifest.json")):
        with open(path) as f:
            manifest = json.load(f)
        rows[manifest["partition"][3:]] = manifest["rows"]
    return rows


def bound(root, report, first, last, cap=60000):
    rows = day_rows(root, report)
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    calls = 0
    while start <= end:
        stop = min(start + timedelta(days=30), end)
        span = sum(n for day, n in rows.items() if start.isoformat() <= day <= stop.isoformat())
        calls += math.ceil(span / cap)
        start = stop + timedelta(days=1)
    return calls


def calls(root):
    reports = sorted(glob.glob(os.path.join(root, "_wolkvox", "runs", "*.json")), key=os.path.getmtime)
    with open(reports[-1]) as f:
        report = json.load(f)
    return report


def main(args):
    command = args[0]
    if command == "row":
        row(args[1], args[2], args[3:])
    elif command == "rows":
        print(sum(day_rows(args[1], args[2]).values()))
    elif command == "bound":
        print(bound(args[1], args[2], args[3], args[4]))
    elif command == "calls":
        report = calls(args[1])
        print(report["calls"], report.get("retries", 0), report.get("splits", 0), report["status"])
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
