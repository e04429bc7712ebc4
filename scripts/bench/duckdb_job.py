"""The DuckDB baseline of scripts/bench/compare.sh: read_json of the saved cdr_1 responses, the
casts of wolkvox-etl's transform, and COPY to day-partitioned gzipped NDJSON on both cores.

Usage: python3 duckdb_job.py RECORDINGS_DIR OUT_DIR
"""
import os
import sys

import duckdb

FIELDS = ["agent_name", "date", "destiny", "telephone", "cost", "time_seg", "time_min", "cod_act",
          "description_cod_act", "cod_act_2", "description_cod_act_2", "type_interaction", "customer_id",
          "hang_up", "campaign_id", "conn_id", "skill_id", "skill_name", "agent_id", "comment"]


def blank_to_null(name):
    return f"CASE WHEN trim(r.{name}) = '' THEN NULL ELSE r.{name} END"


def column(name):
    if name == "date":
        return "strftime(ts, '%Y-%m-%dT%H:%M:%S') || '-05:00' AS date"
    if name in ("cost", "time_min"):
        return f"TRY_CAST({blank_to_null(name)} AS DECIMAL(18, 4)) AS {name}"
    if name == "time_seg":
        return f"TRY_CAST({blank_to_null(name)} AS BIGINT) AS {name}"
    return f"{blank_to_null(name)} AS {name}"


def main(source, out):
    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute("SET preserve_insertion_order = false")
    struct = "STRUCT(" + ", ".join(f'"{f}" VARCHAR' for f in FIELDS) + ")[]"
    files = os.path.join(source, "cdr_1_*.json")
    select = ",\n  ".join(column(f) for f in FIELDS)
    query = f"""
COPY (
  SELECT {select},
    CAST(ts AS DATE) AS dt
  FROM (
    SELECT r, strptime(r.date, '%Y-%m-%d %H:%M:%S') AS ts
    FROM (
      SELECT unnest(data) AS r
      FROM read_json('{files}', columns = {{'data': '{struct}'}}, maximum_object_size = 1073741824)
    )
  )
) TO '{out}' (FORMAT json, PARTITION_BY (dt), COMPRESSION gzip, OVERWRITE_OR_IGNORE)
"""
    con.execute(query)
    print("duckdb: done", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
