import Foundation
import Testing
import WolkvoxMock

/// An answer that stalls far past `source.timeout`: the whole transfer is cancelled at the
/// timeout (not only an idle timer), retried, and the day fails in seconds, not in minutes.
@Suite(.serialized)
struct TimeoutTests {
    /// Far beyond the pipeline's 2 s timeout: a run that waited for it would take minutes.
    static let stall: Duration = .seconds(30)

    @Test(arguments: [MockFaults.SlowPlacement.beforeHead, .midBody])
    func aStalledAnswerIsCutAtTheTimeoutAndFailsItsDay(placement: MockFaults.SlowPlacement) async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.dataset.spikes = []
        config.faults.slowRate = 1.0
        config.faults.slowDelay = Self.stall
        config.faults.slowPlacement = placement
        let file = try dir.write("p.yaml", BackfillTests.pipeline(
            report: "cdr_1", name: "slow", from: "2025-03-04", to: "2025-03-04", formats: "ndjson",
            retry: "{ attempts: 2, base_delay: 10ms, max_delay: 50ms }", extra: "  timeout: 2s\n"))
        try await MockServer.withRunning(config) { server in
            let clock = ContinuousClock()
            let started = clock.now
            let result = try await CLI.run(["run", file.path], environment: [
                "WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "WOLKVOX_LOCK_DIR": dir.url.path,
            ], cwd: dir.url)
            let elapsed = clock.now - started
            #expect(result.exitCode == 1, "\(result.stdout) \(result.stderr.suffix(1500))")
            #expect(result.stdout.contains("failed dt=2025-03-04"), "\(result.stdout)")
            #expect(result.stdout.lowercased().contains("time"), "says it timed out: \(result.stdout)")
            // Each attempt that reached the mock met the stall. (When the whole suite runs, the
            // in-process mock can be too busy to read an attempt before the client gives up.)
            #expect(server.stats.requests <= 2, "attempts: \(server.stats.requests); \(result.stdout)")
            #expect((server.stats.faultsInjected[.slow] ?? 0) == server.stats.requests)
            // Two attempts of about 2 s each: far below one stall, so the transfer was cut, not waited out.
            #expect(elapsed < .seconds(15), "took \(elapsed)")
            #expect(try LandedFiles.days(dir.url.appendingPathComponent("out/cdr_1")).isEmpty, "a failed day is not landed")
        }
    }
}
