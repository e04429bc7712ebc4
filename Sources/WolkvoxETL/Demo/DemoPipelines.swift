/// `pipelines/demo.yaml`, embedded so `wolkvox-etl demo` works from any folder.
/// A test keeps it equal to the file.
package enum DemoPipelines {
    package static let yaml = #"""
# The demo: the first five reports and one of each other kind from the local mock (`wolkvox-etl demo` runs this file against an
# in-process WolkvoxMock and sets WOLKVOX_BASE_URL and WOLKVOX_TOKEN for it; or start
# `wolkvox-etl mock-server` and run `wolkvox-etl run pipelines/demo.yaml`).
# One YAML document per pipeline, separated by `---`.
version: 1
name: demo-cdr_1
source:
  report: cdr_1
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
  timezone: America/Bogota
  from: 2025-03-10          # a week with a 75,000-row day (2025-03-14): split and asked again
  to: 2025-03-16
transform:
  on_error: reject
load:
  root: out
  format: [ndjson, csv]
---
version: 1
name: demo-cdr_6
source:
  report: cdr_6
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
  from: 2025-03-10
  to: 2025-03-16
load:
  root: out
  format: [ndjson, csv]
---
version: 1
name: demo-chat_4
source:
  report: chat_4
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
  from: 2025-03-10
  to: 2025-03-16
load:
  root: out
  format: [ndjson, csv]
---
version: 1
name: demo-diagram_13
source:
  report: diagram_13
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
  from: 2025-03-10
  to: 2025-03-16
load:
  root: out
  format: [ndjson, csv]
---
version: 1
name: demo-calls_last_10
source:
  report: calls_last_10
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
load:
  root: out
  format: [ndjson, csv]
---
# Beyond the first five, one report of each kind (`wolkvox-etl reports` lists them all).
# Totals over the asked window: asked one day at a time, landed in that day.
version: 1
name: demo-agent_1
source:
  report: agent_1
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
  from: 2025-03-10
  to: 2025-03-16
load:
  root: out
  format: [ndjson, csv]
---
# One row per day, and a parameter asked one value a call (three skills here).
version: 1
name: demo-skill_3
source:
  report: skill_3
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
  from: 2025-03-10
  to: 2025-03-16
  params:
    skill_id: ["1", "2", "3"]
load:
  root: out
  format: [ndjson, csv]
---
# Rows per date and hour.
version: 1
name: demo-agent_8
source:
  report: agent_8
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
  from: 2025-03-10
  to: 2025-03-16
load:
  root: out
  format: [ndjson, csv]
---
# Hourly totals without a date: the day is the one asked, the hour a column.
version: 1
name: demo-agent_6
source:
  report: agent_6
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
  from: 2025-03-10
  to: 2025-03-16
load:
  root: out
  format: [ndjson, csv]
---
# A nested array (each agent's hours): nested in NDJSON, one JSON cell in CSV.
version: 1
name: demo-agent_5
source:
  report: agent_5
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
  from: 2025-03-10
  to: 2025-03-16
load:
  root: out
  format: [ndjson, csv]
---
# The same report with one row per hour (transform.explode), in a dataset of its own.
version: 1
name: demo-agent_5-hours
source:
  report: agent_5
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
  from: 2025-03-10
  to: 2025-03-16
transform:
  explode: status_x_hour
load:
  root: out/exploded
  format: [ndjson, csv]
---
# A dimension snapshot: no dates asked; lands in today's folder with snapshot_at.
version: 1
name: demo-information.agents
source:
  report: information.agents
  base_url: ${WOLKVOX_BASE_URL:-http://127.0.0.1:8080}
  token: ${WOLKVOX_TOKEN:-mock-token}
load:
  root: out
  format: [ndjson, csv]

"""#
}
