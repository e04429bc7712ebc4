import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// Faults from the API and the network: retried, and never a lost or duplicated row.
@Suite(.serialized)
struct FaultsTests {
    static func env(_ server: MockServer) -> [String: String] {
        ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"]
    }

    /// `WOLKVOX_SOAK=1` soaks a whole year at the API's real cap (about a million rows, slow
    /// answers included); the default is two months at a small cap, for CI.
    static var soak: Bool { ProcessInfo.processInfo.environment["WOLKVOX_SOAK"] == "1" }

    @Test func aBackfillThroughServerErrorsDropsGarbageAndBusyAnswersLandsExactlyTheGroundTruth() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        let (from, to) = Self.soak ? ("2025-01-01", "2025-12-31") : ("2025-01-01", "2025-02-28")
        let cap = Self.soak ? 60_000 : 2_000
        if !Self.soak { config.dataset.spikes = [] }
        config.recordCap = cap
        config.faults.seed = 7
        config.faults.serverErrorRate = 0.05
        config.faults.dropMidBodyRate = 0.02
        config.faults.garbledJSONRate = 0.02
        config.faults.truncatedJSONRate = 0.02
        config.faults.busyRate = 0.01
        config.faults.maintenanceRate = 0.01
        if Self.soak {
            config.faults.slowRate = 0.02
            config.faults.slowDelay = .seconds(30)
        }
        let file = try dir.write("p.yaml", BackfillTests.pipeline(
            report: "cdr_1", name: "soak", from: from, to: to, formats: "ndjson",
            retry: "{ attempts: 8, base_delay: 10ms, max_delay: 50ms }",
            extra: "  max_records_per_request: \(cap)\n  max_calls: 5000\n  timeout: 10s\n"))
        try await MockServer.withRunning(config) { server in
            let started = Date()
            let result = try await CLI.run(["run", file.path], environment: Self.env(server), cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stdout) \(result.stderr.suffix(1500))")
            #expect(server.stats.totalFaults > 5, "faults were injected: \(server.stats.faultsInjected)")
            let first = LocalDay(iso: from)!, last = LocalDay(iso: to)!
            let truth = server.dataset.records(report: ReportCatalog.cdr1, in: Window(days: first, through: last))
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/cdr_1"))
            let (missing, extra) = GroundTruth.difference(truth: truth, landed: landed, report: ReportCatalog.cdr1)
            #expect(missing.count == 0, "lost: \(missing.prefix(2))")
            #expect(extra.count == 0, "duplicated: \(extra.prefix(2))")
            if Self.soak {
                print("SOAK \(from)..\(to): rows \(landed.count) truth \(truth.count) lost \(missing.count) duplicated \(extra.count) requests \(server.stats.requests) faults \(server.stats.faultsInjected) seconds \(Int(Date().timeIntervalSince(started)))")
                print("SOAK summary: \(result.stdout)")
            }
        }
    }

    @Test func aWindowThatKeepsFailingFailsOnlyItsDaysAndTheNextRunLandsThem() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.faults.serverErrorRate = 1.0
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "cdr_6", name: "fails", from: "2025-03-03", to: "2025-03-05"))
        try await MockServer.withRunning(config) { server in
            let result = try await CLI.run(["run", file.path], environment: Self.env(server), cwd: dir.url)
            #expect(result.exitCode == 1)
            #expect(result.stdout.contains("failed dt=2025-03-03"), "\(result.stdout)")
            #expect(try LandedFiles.days(dir.url.appendingPathComponent("out/cdr_6")).isEmpty, "nothing lands for a failed day")
        }
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(["run", file.path], environment: Self.env(server), cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stdout)")
            #expect(try LandedFiles.days(dir.url.appendingPathComponent("out/cdr_6")).count == 3)
        }
    }

    @Test func theDailyQuotaStopsTheRunWithExitThreeKeepingLandedDays() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.faults.quotaAfterCalls = 2
        let file = try dir.write("p.yaml", BackfillTests.pipeline(
            report: "cdr_6", name: "quota", from: "2025-03-03", to: "2025-03-07", extra: "  concurrency: 1\n"))
        try await MockServer.withRunning(config) { server in
            let result = try await CLI.run(["run", file.path], environment: Self.env(server), cwd: dir.url)
            #expect(result.exitCode == 3, "\(result.stdout) \(result.stderr.suffix(800))")
            #expect((result.stdout + result.stderr).contains("quota"))
            #expect(try LandedFiles.days(dir.url.appendingPathComponent("out/cdr_6")).count == 2)
        }
    }

    @Test func aMalformedResponseIsRetriedAndLandsNothingForItsDayWhenItNeverHeals() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.faults.garbledJSONRate = 1.0
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "chat_4", name: "garbled", from: "2025-03-03", to: "2025-03-03"))
        try await MockServer.withRunning(config) { server in
            let result = try await CLI.run(["run", file.path], environment: Self.env(server), cwd: dir.url)
            #expect(result.exitCode == 1)
            #expect(result.stdout.contains("malformed") || result.stdout.contains("JSON"), "\(result.stdout)")
            #expect(server.stats.requests == 3, "attempts: 3")
            #expect(try LandedFiles.days(dir.url.appendingPathComponent("out/chat_4")).isEmpty)
        }
    }
}
