import Foundation
import Testing
import WolkvoxMock

/// What an operator sees: progress lines, the metrics file, JSON logs, watch mode.
@Suite(.serialized)
struct OperatorTests {
    @Test func progressMetricsAndJSONLogsAreMachineReadable() async throws {
        let dir = try TempDir()
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "diagram_13", name: "ops", from: "2025-03-03", to: "2025-03-06"))
        let metrics = dir.url.appendingPathComponent("wolkvox.prom").path
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(
                ["run", file.path, "--progress", "always", "--log-format", "json", "--metrics-file", metrics],
                environment: ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"], cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1000))")
            let lines = result.stderr.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            #expect(lines.contains { $0.contains("ops: 4/4 days") && $0.contains("calls") }, "\(result.stderr.suffix(800))")
            // Every log line is a JSON object; progress lines are the only other lines on stderr.
            let logLines = lines.filter { $0.hasPrefix("{") }
            #expect(!logLines.isEmpty)
            for line in logLines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["level"] != nil && object?["msg"] != nil, "\(line)")
            }
            #expect(logLines.contains { $0.contains("\"day\"") && $0.contains("\"rows\"") })
            // Prometheus text format: HELP/TYPE comments, then `name{labels} value`.
            let text = try String(contentsOfFile: metrics, encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                #expect(line.range(of: #"^wolkvox_etl_[a-z_]+\{pipeline="ops",report="diagram_13"\} -?[0-9.e+]+$"#, options: .regularExpression) != nil, "\(line)")
            }
            #expect(text.contains("wolkvox_etl_last_run_exit_code{pipeline=\"ops\",report=\"diagram_13\"} 0"))
            #expect(text.contains("wolkvox_etl_last_run_days_landed{pipeline=\"ops\",report=\"diagram_13\"} 4"))
        }
    }

    @Test func offATerminalProgressIsPlainLines() async throws {
        let dir = try TempDir()
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "cdr_6", name: "plain", from: "2025-03-03", to: "2025-03-04"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(["run", file.path, "--log-level", "error"],
                environment: ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"], cwd: dir.url)
            #expect(result.exitCode == 0)
            #expect(!result.stderr.contains("\r"), "no carriage returns into a log file")
            #expect(result.stderr.contains("plain: 2/2 days"), "\(result.stderr)")
        }
    }
}
