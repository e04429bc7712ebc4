/// `pipelines/demo.yaml`, embedded so `wolkvox-etl demo` works from any folder.
/// A test keeps it equal to the file.
public enum DemoPipelines {
    public static let yaml = #"""
# The demo: all five reports from the local mock (`wolkvox-etl demo` runs this file against an
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

"""#
}
