import Foundation
import Testing
import WolkvoxMock

/// A nightly job overlapping a backfill with the same token: together they never have more than
/// two requests in flight, because the slots are file locks shared by every process.
@Suite(.serialized)
struct TwoProcessesOneTokenTests {
    /// Two different pipelines (one request per day each), run at the same time; retries to
    /// spare, so a refused request shows in the mock's stats, not as a failed run.
    static func pipelines(in dir: TempDir) throws -> [URL] {
        let retry = "{ attempts: 8, base_delay: 10ms, max_delay: 50ms }"
        let unconnected = BackfillTests.pipeline(
            report: "cdr_6", name: "unconnected", from: "2025-03-03", to: "2025-03-22", formats: "ndjson", retry: retry)
        let ivr = BackfillTests.pipeline(
            report: "diagram_13", name: "ivr", from: "2025-03-03", to: "2025-03-22", formats: "ndjson", retry: retry,
            extra: "  max_days_per_request: 1\n")
        return try [("unconnected.yaml", unconnected), ("ivr.yaml", ivr)].map { name, text in try dir.write(name, text) }
    }

    static func configuration(maxConcurrent: Int) -> MockConfiguration {
        var config = MockConfiguration()
        // Every answer is held, so requests of the two processes overlap whenever they can.
        config.responseDelay = .milliseconds(80)
        config.maxConcurrentPerToken = maxConcurrent
        return config
    }

    /// Runs both pipelines at once, each with its own lock folder or a shared one.
    static func runBoth(server: MockServer, dir: TempDir, lockDirs: [URL]) async throws -> [CLI.Result] {
        let files = try pipelines(in: dir)
        let base = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"]
        async let first = CLI.run(["run", files[0].path], environment: base.merging(["WOLKVOX_LOCK_DIR": lockDirs[0].path]) { $1 }, cwd: dir.url)
        async let second = CLI.run(["run", files[1].path], environment: base.merging(["WOLKVOX_LOCK_DIR": lockDirs[1].path]) { $1 }, cwd: dir.url)
        return try await [first, second]
    }

    @Test func twoRunsWithOneTokenNeverHaveMoreThanTwoRequestsInFlight() async throws {
        let dir = try TempDir()
        let locks = try TempDir()
        // The mock would allow more, so `maxInFlight` shows what the clients really did.
        try await MockServer.withRunning(Self.configuration(maxConcurrent: 6)) { server in
            let results = try await Self.runBoth(server: server, dir: dir, lockDirs: [locks.url, locks.url])
            for result in results { #expect(result.exitCode == 0, "\(result.stdout) \(result.stderr.suffix(1000))") }
            #expect(server.stats.requests >= 40)
            #expect(server.stats.maxInFlight <= 2, "in flight at once: \(server.stats.maxInFlight)")
            #expect(server.stats.maxInFlight == 2, "each run asks two at a time")
        }
        // Against the API's real limit of two: no request is ever refused as busy.
        try await MockServer.withRunning(Self.configuration(maxConcurrent: 2)) { server in
            let results = try await Self.runBoth(server: server, dir: dir, lockDirs: [locks.url, locks.url])
            for result in results { #expect(result.exitCode == 0, "\(result.stdout) \(result.stderr.suffix(1000))") }
            #expect(server.stats.maxInFlight <= 2)
            #expect(server.stats.refusedBusy == 0, "refused as busy: \(server.stats.refusedBusy)")
        }
    }

    /// The control: with separate lock folders the processes do not see each other's slots, and
    /// the overlap the first test rules out does happen (so that test can fail).
    @Test func withoutASharedLockFolderTheTwoRunsDoExceedTwoInFlight() async throws {
        let dir = try TempDir()
        let locksA = try TempDir()
        let locksB = try TempDir()
        try await MockServer.withRunning(Self.configuration(maxConcurrent: 6)) { server in
            let results = try await Self.runBoth(server: server, dir: dir, lockDirs: [locksA.url, locksB.url])
            for result in results { #expect(result.exitCode == 0, "\(result.stdout) \(result.stderr.suffix(1000))") }
            #expect(server.stats.maxInFlight > 2, "in flight at once: \(server.stats.maxInFlight)")
        }
    }
}
