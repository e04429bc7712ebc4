import Foundation
import Testing
import WolkvoxMock

/// SIGKILL at many moments of a backfill: no half day is ever visible, and after the runs that
/// resume it, the tree equals an uninterrupted run's, row for row.
@Suite(.serialized)
struct KillLoopTests {
    /// Kills in all, in several passes over the backfill.
    static let kills = 22

    static func configuration() -> MockConfiguration {
        var config = MockConfiguration()
        config.dataset.spikes = []
        config.dataset.volumeScale = 0.3
        // One-day windows and a small cap (busy days are split) make many windows and a commit
        // every few calls, so a kill meets every phase of a run: planning, fetching, staging,
        // committing days, saving state; and a resumed run makes progress from its first call.
        config.recordCap = 1_000
        // Each answer is held a little, so a run lasts long enough (without burning CPU) for a
        // kill to fall between any two of its steps rather than in the process's start-up.
        config.responseDelay = .milliseconds(60)
        return config
    }

    static func pipeline() -> String {
        BackfillTests.pipeline(
            report: "cdr_1", name: "kill-loop", from: "2025-01-06", to: "2025-02-09", formats: "ndjson",
            // The mock, like the API, still counts a killed process's requests as in flight for a
            // moment after the kill (the kernel frees our lock at once): the resumed run meets busy
            // answers and must wait them out, as it would in production, not fail a day in 60 ms.
            retry: "{ attempts: 6, base_delay: 50ms, max_delay: 400ms }",
            extra: "  max_days_per_request: 1\n  max_records_per_request: 1000\n  max_calls: 20000\n")
    }

    /// Where pass `pass` kills its first run, as a fraction of a whole run: scattered over the
    /// first half, so the passes are killed at different points.
    static func firstKill(pass: Int) -> Double { 0.05 + 0.45 * (Double(pass) * 0.618).truncatingRemainder(dividingBy: 1) }

    /// How long each resumed run of pass `pass` lives before its kill, as a fraction of a whole
    /// run: long enough for a resumed run to land a day or more (so the backfill advances), and
    /// varied so kills fall at different steps.
    static func gap(pass: Int) -> Double { [0.2, 0.27, 0.23, 0.31][pass % 4] }

    @Test func aBackfillKilledAtManyMomentsAndResumedLandsTheSameTreeAsACleanRun() async throws {
        try await MockServer.withRunning(Self.configuration()) { server in
            let locks = try TempDir()
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "WOLKVOX_LOCK_DIR": locks.url.path]

            // The reference: one run, never interrupted; then the same range again, timed: a
            // run that has seen the range's density plans better and is what the kill loop repeats.
            let clean = try TempDir()
            let cleanFile = try clean.write("p.yaml", Self.pipeline())
            let reference = try await CLI.run(["run", cleanFile.path], environment: env, cwd: clean.url)
            try #require(reference.exitCode == 0, "\(reference.stdout) \(reference.stderr.suffix(1500))")
            let callsPerRun = server.stats.requests
            try #require(callsPerRun > 40, "many windows, so kills land between commits: \(callsPerRun) calls")
            let clock = ContinuousClock()
            let started = clock.now
            let again = try await CLI.run(["run", cleanFile.path], environment: env, cwd: clean.url)
            let runTime = clock.now - started
            try #require(again.exitCode == 0, "\(again.stdout) \(again.stderr.suffix(1500))")
            let cleanLines = try LandedTree.sortedLinesByDay(clean.url.appendingPathComponent("out/cdr_1"))
            try #require(cleanLines.count == 35)
            let cleanCounts = cleanLines.mapValues(\.count)

            // The same backfill in another root, killed over and over, each time started again.
            let dir = try TempDir()
            let file = try dir.write("p.yaml", Self.pipeline())
            let dataset = dir.url.appendingPathComponent("out/cdr_1")
            var killed = 0
            var finishedEarly = 0
            var problems: [String] = []
            var starts = 0
            var progressAtKills: [Int] = []
            var pass = 0
            // A pass: runs killed one after another, each resuming the last, until one finishes
            // the backfill before its kill; the next pass re-lands the whole range the same way.
            var estimate = runTime
            while killed < Self.kills, pass < 20 {
                var delay = Self.firstKill(pass: pass)
                var first = true
                while killed < Self.kills {
                    starts += 1
                    let runStarted = clock.now
                    let process = try Spawned.start(["run", file.path], environment: env, cwd: dir.url,
                                                    logPrefix: dir.url.appendingPathComponent("run-\(starts)"))
                    try await Task.sleep(for: estimate * delay)
                    process.kill()
                    let exit = await process.exit()
                    // A whole run that beat its first kill: runs got faster (the machine was busier
                    // when `runTime` was measured); its own time is the better estimate.
                    if first, !exit.signaled { estimate = clock.now - runStarted }
                    first = false
                    problems += LandedTree.problems(dataset, expectedRows: cleanCounts)
                        .map { "after run \(starts) (pass \(pass), \(exit.signaled ? "killed" : "finished")): \($0)" }
                    guard exit.signaled else {
                        #expect(exit.status == 0, "run \(starts): \(process.stdout) \(process.stderr.suffix(1000))")
                        finishedEarly += 1
                        break
                    }
                    #expect(exit.status == SIGKILL)
                    killed += 1
                    progressAtKills.append(Self.daysLandedByInterruptedRun(dir.url))
                    delay = Self.gap(pass: pass)
                }
                pass += 1
            }
            // The last run finishes what the last killed one left.
            let final = try await CLI.run(["run", file.path], environment: env, cwd: dir.url)
            #expect(final.exitCode == 0, "\(final.stdout) \(final.stderr.suffix(1500))")
            problems += LandedTree.problems(dataset, expectedRows: cleanCounts).map { "after the last run: \($0)" }
            #expect(killed == Self.kills, "\(killed) runs killed, \(finishedEarly) finished before their kill")
            // The kills met the backfill at many points of its progress, not all at its start.
            #expect(Set(progressAtKills).count >= 8, "days landed at each kill: \(progressAtKills)")
            #expect(problems.isEmpty, "\(problems.prefix(5))")

            // After the last complete run: the clean tree, row for row.
            let lines = try LandedTree.sortedLinesByDay(dataset)
            #expect(lines.keys.sorted() == cleanLines.keys.sorted())
            for (day, want) in cleanLines.sorted(by: { $0.key < $1.key }) {
                let (missing, extra) = GroundTruth.multisetDifference(expected: want, got: lines[day] ?? [])
                #expect(missing.isEmpty && extra.isEmpty,
                        "dt=\(day): \(missing.count) rows lost, \(extra.count) duplicated or foreign: \(missing.prefix(1)) \(extra.prefix(1))")
            }
            // Staging leftovers of the killed runs were cleaned when the next run started.
            let leftovers = LandedTree.regularFiles(dir.url.appendingPathComponent("out/_wolkvox/staging"))
            #expect(leftovers.isEmpty, "\(leftovers.prefix(5))")
        }
    }

    /// Days the state file says the interrupted run landed (what the next run skips).
    static func daysLandedByInterruptedRun(_ dir: URL) -> Int {
        let file = dir.appendingPathComponent("out/_wolkvox/state/kill-loop.json")
        guard let data = FileManager.default.contents(atPath: file.path),
            let state = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let inProgress = state["in_progress"] as? [String: Any]
        else { return 0 }
        return (inProgress["landed"] as? [Any])?.count ?? 0
    }
}
