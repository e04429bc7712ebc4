import Foundation
import Synchronization
import Testing
import WolkvoxAPI
import WolkvoxMock

#if canImport(Glibc)
    import Glibc
#endif

/// `run --watch`: real-time polls over a clock that advances land every call exactly once.
@Suite(.serialized)
struct WatchTests {
    @Test func pollsOverAnAdvancingClockLandEveryCallOnceAndStopOnSIGINT() async throws {
        let dir = try TempDir()
        let base = LocalDateTime(day: LocalDay(year: 2025, month: 3, day: 11), hour: 10, minute: 0, second: 0)
        let polls = Mutex(0)
        var config = MockConfiguration()
        // Each poll happens five minutes after the previous one: the 10-minute snapshots overlap.
        config.now = {
            let n = polls.withLock { n -> Int in
                n += 1
                return n
            }
            return base.adding(seconds: 300 * (n - 1))
        }
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "calls_last_10", name: "watch", from: nil, to: nil, formats: "ndjson"))
        try await MockServer.withRunning(config) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "WOLKVOX_LOCK_DIR": dir.url.path + "/locks"]
            let watch = try Spawned.start(["run", file.path, "--watch", "1s", "--log-level", "error"], environment: env, cwd: dir.url,
                                          logPrefix: dir.url.appendingPathComponent("watch"))
            try await waitUntil("the watch has made 4 calls") { server.stats.requests >= 4 }
            _ = Glibc.kill(watch.process.processIdentifier, SIGINT)
            let exit = await watch.exit()
            #expect(exit.status == 0, "\(watch.stdout) \(watch.stderr)")
            let made = server.stats.requests
            #expect(made >= 4)
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/calls_last_10"))
            // The signal may cut the last poll short (then it landed nothing): either way, what
            // landed is exactly the calls of the polls that completed, each once.
            let outcomes = [made, made - 1].map { polls in
                GroundTruth.difference(
                    truth: server.dataset.records(
                        report: ReportCatalog.callsLast10,
                        in: Window(start: base.adding(seconds: -600), end: base.adding(seconds: 300 * (polls - 1)))),
                    landed: landed, report: ReportCatalog.callsLast10)
            }
            #expect(outcomes.contains { $0.missing.isEmpty && $0.extra.isEmpty },
                    "lost \(outcomes.map(\.missing.count)), landed twice \(outcomes.map(\.extra.count))")
        }
    }

    /// SIGINT while a poll is being answered ends the watch as a signal should (exit 0): the poll
    /// in flight is dropped whole, not landed in part nor reported as a failed day.
    @Test func aSignalDuringAPollDropsThatPollAndEndsTheWatchCleanly() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.responseDelay = .seconds(2)
        // A busy morning, so the first poll has calls to land.
        config.now = { LocalDateTime(day: LocalDay(year: 2025, month: 3, day: 11), hour: 10, minute: 0, second: 0) }
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "calls_last_10", name: "watch", from: nil, to: nil, formats: "ndjson"))
        try await MockServer.withRunning(config) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "WOLKVOX_LOCK_DIR": dir.url.path + "/locks"]
            let watch = try Spawned.start(["run", file.path, "--watch", "1s", "--log-level", "error"], environment: env, cwd: dir.url,
                                          logPrefix: dir.url.appendingPathComponent("watch"))
            // The mock counts a request when it arrives and answers it 2 s later: the second poll is in flight.
            try await waitUntil("the second poll has reached the mock") { server.stats.requests >= 2 }
            _ = Glibc.kill(watch.process.processIdentifier, SIGINT)
            let exit = await watch.exit()
            #expect(exit.status == 0, "\(watch.stdout) \(watch.stderr)")
            #expect(!watch.stdout.contains("failed"), "\(watch.stdout)")
            #expect(server.stats.requests == 2)
            // What landed is the first poll's, once.
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/calls_last_10"))
            let runs = try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("out/_wolkvox/runs").path)
            #expect(runs.count == 2)
            #expect(!landed.isEmpty)
        }
    }
}
