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
                ["run", file.path, "--progress", "always", "--log-format", "json", "--log-level", "debug", "--metrics-file", metrics],
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
            #expect(logLines.contains { $0.contains("\"window.start\"") && $0.contains("\"window.end\"") }, "dotted keys")
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

/// `plan` after a run knows the range's density: it estimates the calls the cap will force.
@Suite(.serialized)
struct PlanDensityTests {
    @Test func planEstimatesCallsFromTheDensityOfEarlierRuns() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.dataset.spikes = []
        config.recordCap = 3_000
        let file = try dir.write("p.yaml", BackfillTests.pipeline(
            report: "cdr_1", name: "density", from: "2025-03-03", to: "2025-03-09", formats: "ndjson",
            extra: "  max_records_per_request: 3000\n  licenses: 2\n"))
        let env0 = ["WOLKVOX_BASE_URL": "http://127.0.0.1:1", "WOLKVOX_TOKEN": "t"]
        let cold = try await CLI.run(["plan", file.path, "--json"], environment: env0, cwd: dir.url)
        let coldPlan = try #require(try JSONSerialization.jsonObject(with: Data(cold.stdout.utf8)) as? [String: Any])
        #expect(coldPlan["expected_calls"] as? Int == 1)
        #expect(coldPlan["days_with_known_density"] as? Int == 0)
        #expect(coldPlan["daily_quota"] as? Int == 2000)
        let calls = try await MockServer.withRunning(config) { server in
            let result = try await CLI.run(["run", file.path], environment: ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"], cwd: dir.url)
            #expect(result.exitCode == 0)
            return server.stats.requests
        }
        let warm = try await CLI.run(["plan", file.path, "--json"], environment: env0, cwd: dir.url)
        let warmPlan = try #require(try JSONSerialization.jsonObject(with: Data(warm.stdout.utf8)) as? [String: Any])
        #expect(warmPlan["days_with_known_density"] as? Int == 7)
        #expect((warmPlan["replaces_landed_days"] as? [String])?.count == 7)
        let estimate = try #require(warmPlan["expected_calls"] as? Int)
        // Same splitting arithmetic as the run, from per-day rows: close to what the run spent.
        #expect(estimate > 1 && abs(estimate - calls) <= calls / 4 + 1, "estimate \(estimate), run made \(calls)")
        let text = try await CLI.run(["plan", file.path], environment: env0, cwd: dir.url)
        #expect(text.stdout.contains("7 of 7 days measured by earlier runs"), "\(text.stdout)")
        #expect(text.stdout.contains("% of the daily quota (2000)"))
    }
}
