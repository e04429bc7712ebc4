import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// A report of totals over the asked window (agent_1: each agent's time by state) across a whole
/// month: asked one local day a call, each day's totals landed in that day, as the API sums them
/// for that day alone (a month in one call would be one month's totals, not thirty-one days').
struct WindowTotalsMonthTests {
    @Test func aMonthOfAgentTotalsIsThirtyOneCallsAndEachDayHoldsThatDaysTotals() async throws {
        let dir = try TempDir()
        let report = try #require(ReportCatalog.report(named: "agent_1"))
        let file = try dir.write("p.yaml", BackfillTests.pipeline(
            report: report.name, name: "agents-month", from: "2025-03-01", to: "2025-03-31", formats: "[ndjson, csv]"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "WOLKVOX_LOCK_DIR": dir.url.path + "/locks"]
            let plan = try await CLI.run(["plan", file.path], environment: env, cwd: dir.url)
            #expect(plan.stdout.contains("calls: about 31"), "\(plan.stdout)")
            let result = try await CLI.run(["run", file.path], environment: env, cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            #expect(server.stats.requests == 31, "one call per local day")
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/\(report.name)"))
            let first = LocalDay(year: 2025, month: 3, day: 1)
            for offset in 0..<31 {
                let day = first.adding(days: offset)
                let truth = server.dataset.records(report: report, in: Window(days: day, through: day))
                let ofDay = landed.filter { $0.dt == day.description }
                let (missing, extra) = GroundTruth.difference(truth: truth, landed: ofDay, report: report)
                #expect(missing.isEmpty && extra.isEmpty, "dt=\(day): lost \(missing.count), extra \(extra.count)")
            }
            // DuckDB (where installed) reads the month's tree in both formats with the same count.
            let duck = try PythonReader.run(PythonReader.duckdbCounts, arguments: [dir.url.appendingPathComponent("out/\(report.name)").path])
            if !duck.output.contains("NODUCKDB") {
                #expect(duck.output.trimmingCharacters(in: .whitespacesAndNewlines) == "COUNTS \(landed.count) \(landed.count)", "\(duck.output)")
            }
        }
    }
}
