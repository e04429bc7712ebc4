import Foundation
import Synchronization
import Testing
import WolkvoxAPI
import WolkvoxMock

#if canImport(Glibc)
    import Glibc
#endif

/// Snapshots without dates (`information.agents`): the run's day holds the latest poll, each row
/// with the poll's time in `snapshot_at`.
@Suite(.serialized)
struct DimensionSnapshotTests {
    static let spec = ReportCatalog.report(named: "information.agents")!

    /// Today in Bogotá, as the run computes it.
    static var today: String {
        let zone = TimeZone(identifier: "America/Bogota")!
        let now = Date()
        return String(LocalDateTime(naiveSeconds: Int(now.timeIntervalSince1970) + zone.secondsFromGMT(for: now)).description.prefix(10))
    }

    static func run(_ file: URL, dir: TempDir, server: MockServer) async throws -> CLI.Result {
        try await CLI.run(["run", file.path], environment: ReportsTests.env.merging(["WOLKVOX_BASE_URL": server.baseURL]) { $1 }, cwd: dir.url)
    }

    static func snapshotTime(_ text: String?) -> Date? {
        text.flatMap { ISO8601DateFormatter().date(from: $0) }
    }

    @Test func agentsLandInTheRunsDayWithTheSnapshotTimeAndASecondPollReplacesThem() async throws {
        let dir = try TempDir()
        let polls = Mutex(0)
        var config = MockConfiguration()
        // The second poll sees another minute: other agents' states, another set of rows.
        let base = LocalDateTime(day: LocalDay(year: 2025, month: 3, day: 11), hour: 10, minute: 30, second: 0)
        config.now = { base.adding(seconds: 60 * polls.withLock { $0 }) }
        try await MockServer.withRunning(config) { server in
            let file = try dir.write("agents.yaml", BackfillTests.pipeline(report: Self.spec.name, name: "agents", from: nil, to: nil))
            let root = dir.url.appendingPathComponent("out/information.agents")
            let before = Date()
            let first = try await Self.run(file, dir: dir, server: server)
            #expect(first.exitCode == 0, "\(first.stderr.suffix(1500))")
            let truth = server.dataset.records(report: Self.spec, in: MockDataset.snapshotWindow(at: base))
            try #require(!truth.isEmpty)
            let landed = try LandedFiles.ndjsonRows(root)
            #expect(landed.count == truth.count, "every agent the API listed lands: \(first.stdout)")
            #expect(Set(landed.map(\.dt)) == [Self.today])
            let stamps = Set(landed.compactMap { $0.row["snapshot_at"] as? String })
            #expect(stamps.count == 1)
            let stamp = try #require(Self.snapshotTime(stamps.first), "ISO 8601 with an offset: \(stamps)")
            #expect(stamps.first?.hasSuffix("-05:00") == true)
            #expect(stamp.timeIntervalSince(before) > -1 && stamp.timeIntervalSinceNow < 1)
            #expect(Array(landed[0].row.keys).sorted() == (Self.spec.fields.map(\.name) + ["snapshot_at"]).sorted())

            polls.withLock { $0 = 1 }
            try await Task.sleep(for: .milliseconds(1100))  // a later second: a stamp of its own
            let second = try await Self.run(file, dir: dir, server: server)
            #expect(second.exitCode == 0, "\(second.stderr.suffix(1500))")
            let later = server.dataset.records(report: Self.spec, in: MockDataset.snapshotWindow(at: base.adding(seconds: 60)))
            let relanded = try LandedFiles.ndjsonRows(root)
            #expect(relanded.count == later.count, "the day holds the latest poll only, no duplicates")
            let agents = relanded.compactMap { $0.row["agent_id"] as? String }
            #expect(agents.sorted() == later.compactMap { $0["agent_id"] }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.sorted())
            let newStamps = Set(relanded.compactMap { $0.row["snapshot_at"] as? String })
            #expect(newStamps.count == 1 && newStamps != stamps)
            // Both formats agree, and the day's manifest counts the latest poll.
            let compare = try PythonReader.run(PythonReader.compareCSVWithNDJSON, arguments: [root.path])
            #expect(compare.output.trimmingCharacters(in: .whitespacesAndNewlines) == "SAME \(later.count)", "\(compare.output)")
            #expect(LandedTree.problems(root, expectedRows: [Self.today: later.count]).isEmpty)
        }
    }

    @Test func watchPollsReplaceTheDayUntilSIGINT() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        let now = LocalDateTime(day: LocalDay(year: 2025, month: 3, day: 11), hour: 10, minute: 30, second: 0)
        config.now = { now }
        try await MockServer.withRunning(config) { server in
            let file = try dir.write("agents.yaml", BackfillTests.pipeline(report: Self.spec.name, name: "agents-watch", from: nil, to: nil, formats: "ndjson"))
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "WOLKVOX_LOCK_DIR": dir.url.path + "/locks"]
            let watch = try Spawned.start(["run", file.path, "--watch", "1s", "--log-level", "error"], environment: env, cwd: dir.url,
                                          logPrefix: dir.url.appendingPathComponent("watch"))
            let root = dir.url.appendingPathComponent("out/information.agents")
            // Stop between polls (each writes its run report when done), a second before the next.
            let runs = dir.url.appendingPathComponent("out/_wolkvox/runs")
            try await waitUntil("three polls have finished and none is under way") {
                let finished = ((try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []).count { $0.hasSuffix(".json") }
                return finished >= 3 && finished == server.stats.requests
            }
            _ = Glibc.kill(watch.process.processIdentifier, SIGINT)
            let exit = await watch.exit()
            #expect(exit.status == 0, "\(watch.stdout) \(watch.stderr)")
            let landed = try LandedFiles.ndjsonRows(root)
            let stamps = Set(landed.compactMap { $0.row["snapshot_at"] as? String })
            #expect(stamps.count == 1, "one poll's rows, not several: \(stamps)")
            // Every poll saw the same agents: the day holds them once.
            let truth = server.dataset.records(report: Self.spec, in: MockDataset.snapshotWindow(at: now))
            try #require(!truth.isEmpty)
            #expect(landed.count == truth.count)
        }
    }
}
