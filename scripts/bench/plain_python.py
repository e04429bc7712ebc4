"""The plain Python baseline of scripts/bench/compare.sh: json.load each saved cdr_1 response,
cast each row like wolkvox-etl's transform, and gzip (level 6) one NDJSON file per day.

Usage: python3 plain_python.py RECORDINGS_DIR OUT_DIR
"""
import glob
import gzip
import json
import os
import sys
from datetime import datetime

FIELDS = ["agent_name", "date", "destiny", "telephone", "cost", "time_seg", "time_min", "cod_act",
          "description_cod_act", "cod_act_2", "description_cod_act_2", "type_interaction", "customer_id",
          "hang_up", "campaign_id", "conn_id", "skill_id", "skill_name", "agent_id", "comment"]
DECIMALS = {"cost", "time_min"}


def text(value):
    return None if value is None or value.strip() == "" else value


def seconds(value):
    if ":" in value:
        h, m, s = value.split(":")
        return int(h) * 3600 + int(m) * 60 + int(float(s))
    return int(float(value))


def convert(record):
    row = {}
    for name in FIELDS:
        value = text(record.get(name))
        if value is None:
            row[name] = None
        elif name == "date":
            moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            row[name] = moment.strftime("%Y-%m-%dT%H:%M:%S") + "-05:00"
        elif name in DECIMALS:
            row[name] = float(value)
        elif name == "time_seg":
            row[name] = seconds(value)
        else:
            row[name] = value
    return row


def main(source, out):
    rows = rejects = 0
    for path in sorted(glob.glob(os.path.join(source, "cdr_1_*.json"))):
        with open(path, "rb") as f:
            document = json.load(f)
        days = {}
        for record in document.get("data") or []:
            try:
                row = convert(record)
            except ValueError:
                rejects += 1
                continue
            days.setdefault(row["date"][:10], []).append(json.dumps(row, ensure_ascii=False))
        for day, lines in days.items():
            folder = os.path.join(out, "dt=" + day)
            os.makedirs(folder, exist_ok=True)
            # A day split over several responses gets one gzip member per response.
            with gzip.open(os.path.join(folder, "part.ndjson.gz"), "ab", compresslevel=6) as f:
                f.write(("\n".join(lines) + "\n").encode())
            rows += len(lines)
    print(f"plain python: {rows} rows, {rejects} rejects", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
