import Foundation
import Testing
import WolkvoxMock

/// A report the server has not enabled answers 404 "no records" like an empty day: a run whose
/// every answer was that says so, and a run with data or one empty day among others does not.
struct NotEnabledReportTests {
    @Test func aRunWhoseEveryAnswerWasNotFoundSaysTheReportMayNotBeEnabled() async throws {
        let dir = try TempDir()
        let file = try dir.write("p.yaml", BackfillTests.pipeline(
            report: "agent_1", name: "disabled", from: "2025-03-03", to: "2025-03-05", formats: "ndjson"))
        var config = MockConfiguration()
        config.disabledReports = ["agent_1"]
        try await MockServer.withRunning(config) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"]
            let result = try await CLI.run(["run", file.path], environment: env, cwd: dir.url)
            // Empty days are not failures: the days land, empty, and the run succeeds.
            #expect(result.exitCode == 0, "\(result.stderr.suffix(800))")
            #expect(result.stdout.contains("note: all 3 answers of this run said 404"), "\(result.stdout)")
            #expect(result.stdout.contains("agent_1 should have data for these days, it may not be enabled on this server"))
            let reports = try FileManager.default.contentsOfDirectory(
                at: dir.url.appendingPathComponent("out/_wolkvox/runs"), includingPropertiesForKeys: nil)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: try #require(reports.first))) as? [String: Any]
            #expect((json?["note"] as? String)?.contains("may not be enabled") == true)
        }
    }

    @Test func aRunThatLandedRowsSaysNothingOfIt() async throws {
        let dir = try TempDir()
        let file = try dir.write("p.yaml", BackfillTests.pipeline(
            report: "agent_1", name: "enabled", from: "2025-03-03", to: "2025-03-05", formats: "ndjson"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"]
            let result = try await CLI.run(["run", file.path], environment: env, cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(800))")
            #expect(!result.stdout.contains("note:"), "\(result.stdout)")
        }
    }
}
