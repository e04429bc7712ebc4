import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// The disk says no: an output root that cannot be created, and a disk that fills up mid-run.
@Suite(.serialized)
struct DiskTests {
    /// What a crash prints instead of a message (Swift runtime traps, backtraces).
    static func looksLikeACrash(_ text: String) -> Bool {
        ["Fatal error", "Stack dump", "Backtrace", "💣", "Illegal instruction", "Current stack trace"].contains { text.contains($0) }
    }

    @Test func anOutputRootUnderARegularFileFailsWithAClearMessage() async throws {
        let dir = try TempDir()
        _ = try dir.write("blocker", "a regular file where a folder should be\n")
        let file = try dir.write("p.yaml", BackfillTests.pipeline(
            report: "cdr_6", name: "blocked", from: "2025-03-03", to: "2025-03-04", root: "blocker/out"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(["run", file.path], environment: ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"],
                                           cwd: dir.url)
            let printed = result.stdout + result.stderr
            #expect(result.exitCode == 1 || result.exitCode == 2, "exit \(result.exitCode): \(printed)")
            #expect(!Self.looksLikeACrash(printed), "\(printed)")
            #expect(printed.contains("blocker"), "names the path: \(printed)")
            #expect(printed.lowercased().contains("not a directory"), "says why: \(printed)")
            #expect(server.stats.requests == 0, "nothing is asked before the landing zone is usable")
        }
    }

    @Test(.enabled(if: Tmpfs.available, "needs root allowed to mount a tmpfs (CAP_SYS_ADMIN); skipped otherwise"))
    func aFullDiskFailsTheDayBeingWrittenAndKeepsLandedDaysIntact() async throws {
        let dir = try TempDir()
        let mount = dir.url.appendingPathComponent("small")
        try Tmpfs.mount(at: mount, size: "8m")
        defer {
            // Unmounted before the folder is removed: TempDir's own removal stops at a mount point.
            Tmpfs.unmount(mount)
            try? FileManager.default.removeItem(at: dir.url)
        }
        var config = MockConfiguration()
        config.dataset.spikes = []
        config.dataset.volumeScale = 0.2
        let pipeline = BackfillTests.pipeline(
            report: "cdr_1", name: "full", from: "2025-03-03", to: "2025-03-04", formats: "ndjson", root: "small/out")
        let file = try dir.write("p.yaml", pipeline)
        let dataset = mount.appendingPathComponent("out/cdr_1")
        try await MockServer.withRunning(config) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "WOLKVOX_LOCK_DIR": dir.url.path]
            let first = try await CLI.run(["run", file.path], environment: env, cwd: dir.url)
            try #require(first.exitCode == 0, "\(first.stdout) \(first.stderr.suffix(1000))")
            let landedFirst = try LandedFiles.days(dataset)
            try #require(landedFirst == ["dt=2025-03-03", "dt=2025-03-04"])
            let before = try Self.snapshot(dataset, days: landedFirst)

            // Leave room for a few days only, then ask for a month that does not overlap.
            try Tmpfs.fill(mount, leaving: 120 << 10)
            let bigger = try await CLI.run(["run", file.path, "--from", "2025-03-05", "--to", "2025-04-05"], environment: env, cwd: dir.url)
            let printed = bigger.stdout + bigger.stderr
            #expect(bigger.exitCode == 1, "exit \(bigger.exitCode): \(printed.suffix(1500))")
            #expect(!Self.looksLikeACrash(printed), "\(printed.suffix(1500))")
            #expect(printed.lowercased().contains("no space left"), "says why: \(printed.suffix(1500))")

            // Days landed before are untouched; every visible day is whole (none half written).
            #expect(try Self.snapshot(dataset, days: landedFirst) == before)
            let visible = try LandedFiles.days(dataset)
            #expect(visible.count < 2 + 32, "the disk did fill: \(visible.count) days")
            var truth: [String: Int] = [:]
            for name in visible {
                let day = try #require(LocalDay(iso: name.dropFirst(3)))
                truth[day.description] = server.dataset.records(report: ReportCatalog.cdr1, in: Window(days: day, through: day)).count
            }
            let problems = LandedTree.problems(dataset, expectedRows: truth)
            #expect(problems.isEmpty, "\(problems.prefix(5))")

            // Room again: the same command lands the rest.
            try Tmpfs.unfill(mount)
            let again = try await CLI.run(["run", file.path, "--from", "2025-03-05", "--to", "2025-04-05"], environment: env, cwd: dir.url)
            #expect(again.exitCode == 0, "\(again.stdout.suffix(1000)) \(again.stderr.suffix(1000))")
            #expect(try LandedFiles.days(dataset).count == 2 + 32)
        }
    }

    /// Each day's files with their bytes' digests, to show a day did not change.
    static func snapshot(_ dataset: URL, days: [String]) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for day in days {
            let folder = dataset.appendingPathComponent(day)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                result["\(day)/\(name)"] = try Data(contentsOf: folder.appendingPathComponent(name))
            }
        }
        return result
    }
}
