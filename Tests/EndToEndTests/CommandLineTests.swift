import Foundation
import Testing
import WolkvoxETL
import WolkvoxMock

/// What a user or a scheduler sees from the command line: messages and exit codes.
@Suite(.serialized)
struct CommandLineTests {
    @Test func aBadPipelineFileExitsTwoNamingFileLineAndKey() async throws {
        let dir = try TempDir()
        let file = try dir.write("bad.yaml", """
            version: 1
            name: bad
            source:
              report: cdr_1x
              base_url: http://127.0.0.1:1
              token: secret-value
              from: 2025-01-01
              to: 2025-01-02
              lookbak_days: 2
            """)
        let result = try await CLI.run(["validate", file.path], cwd: dir.url)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("bad.yaml:4:"), "\(result.stderr)")
        #expect(result.stderr.contains("source.report"))
        #expect(result.stderr.contains("did you mean 'cdr_1'?"), "suggests the closest report: \(result.stderr)")
        #expect(result.stderr.contains("bad.yaml:9:"))
        #expect(result.stderr.contains("lookback_days"), "did you mean: \(result.stderr)")
        #expect(!result.stderr.contains("secret-value"))
        let run = try await CLI.run(["run", file.path], cwd: dir.url)
        #expect(run.exitCode == 2)
    }

    @Test func aBadDateArgumentExitsTwo() async throws {
        let dir = try TempDir()
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "cdr_1", name: "p", from: "2025-01-01", to: "2025-01-02"))
        let result = try await CLI.run(["run", file.path, "--from", "2025-02-30"], environment: ["WOLKVOX_BASE_URL": "http://127.0.0.1:1", "WOLKVOX_TOKEN": "t"], cwd: dir.url)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("--from"), "\(result.stderr)")
    }

    @Test func aRefusedTokenExitsFourWithoutPrintingTheToken() async throws {
        let dir = try TempDir()
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "chat_4", name: "p", from: "2025-03-03", to: "2025-03-04"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(["run", file.path], environment: ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "wrong-secret-token"], cwd: dir.url)
            #expect(result.exitCode == 4, "\(result.stderr.suffix(1500))")
            #expect((result.stdout + result.stderr).lowercased().contains("token"))
            #expect(!(result.stdout + result.stderr).contains("wrong-secret-token"))
            #expect(try LandedFiles.days(dir.url.appendingPathComponent("out/chat_4")).isEmpty)
        }
    }

    @Test func theCallBudgetStopsTheRunWithExitThreeAndTheNextRunResumes() async throws {
        let dir = try TempDir()
        let budgeted = try dir.write("b.yaml", BackfillTests.pipeline(
            report: "cdr_6", name: "budget", from: "2025-03-03", to: "2025-03-09", extra: "  max_calls: 3\n  concurrency: 1\n"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"]
            let first = try await CLI.run(["run", budgeted.path], environment: env, cwd: dir.url)
            #expect(first.exitCode == 3, "\(first.stdout) \(first.stderr.suffix(800))")
            #expect(try LandedFiles.days(dir.url.appendingPathComponent("out/cdr_6")).count == 3)
            let second = try await CLI.run(["run", budgeted.path], environment: env, cwd: dir.url)
            #expect(second.exitCode == 3)
            let third = try await CLI.run(["run", budgeted.path], environment: env, cwd: dir.url)
            #expect(third.exitCode == 0, "\(third.stdout)")
            #expect(try LandedFiles.days(dir.url.appendingPathComponent("out/cdr_6")).count == 7)
            #expect(server.stats.requests == 7, "resumed days are not asked again")
        }
    }

    @Test func theEmbeddedDemoPipelinesAreThePipelinesFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("pipelines/demo.yaml")
        #expect(try String(contentsOf: file, encoding: .utf8) == DemoPipelines.yaml)
    }

    @Test func reportsListsTheCatalogWithTypes() async throws {
        let all = try await CLI.run(["reports"])
        #expect(all.exitCode == 0)
        for name in ["cdr_1", "cdr_6", "chat_4", "diagram_13", "calls_last_10"] { #expect(all.stdout.contains(name)) }
        let one = try await CLI.run(["reports", "cdr_1"])
        #expect(one.stdout.contains("cost") && one.stdout.contains("decimal"))
        #expect(one.stdout.contains("time_seg") && one.stdout.contains("duration"))
        let unknown = try await CLI.run(["reports", "cdr_1x"])
        #expect(unknown.exitCode == 2)
    }

    @Test func planShowsWindowsAndCallsWithoutCallingTheAPI() async throws {
        let dir = try TempDir()
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "cdr_1", name: "p", from: "2025-01-01", to: "2025-03-31"))
        let result = try await CLI.run(["plan", file.path, "--json"], environment: ["WOLKVOX_BASE_URL": "http://127.0.0.1:1", "WOLKVOX_TOKEN": "t"], cwd: dir.url)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((plan["windows"] as? [String])?.count == 3)
        #expect(plan["expected_calls"] as? Int == 3)
        #expect(plan["days"] as? Int == 90)
    }
}

/// Two runs of one pipeline at once (cron firing while last night's run goes on): the second stops.
@Suite(.serialized)
struct OverlappingRunsTests {
    @Test func aSecondRunOfTheSamePipelineStopsWithoutTouchingTheFirst() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.responseDelay = .milliseconds(300)
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "cdr_6", name: "overlap", from: "2025-03-03", to: "2025-03-08"))
        try await MockServer.withRunning(config) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "WOLKVOX_LOCK_DIR": dir.url.path + "/locks"]
            let first = try Spawned.start(["run", file.path], environment: env, cwd: dir.url, logPrefix: dir.url.appendingPathComponent("first"))
            try await waitUntil("the first run has made a call", timeout: .seconds(5)) { server.stats.requests > 0 }
            let second = try await CLI.run(["run", file.path], environment: env, cwd: dir.url)
            #expect(second.exitCode == 1)
            #expect(second.stderr.contains("another run of pipeline 'overlap'"), "\(second.stderr)")
            let exit = await first.exit()
            #expect(exit.status == 0, "\(first.stdout) \(first.stderr.suffix(500))")
            #expect(try LandedFiles.days(dir.url.appendingPathComponent("out/cdr_6")).count == 6)
        }
    }
}
