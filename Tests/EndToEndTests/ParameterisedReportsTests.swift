import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

#if canImport(Glibc)
    import Glibc
#endif

/// `source.params` reaches the API: one value, `all`, or a list asked one value a call, each
/// value's rows landed once in their day, the value as a column where the report lacks it.
@Suite(.serialized)
struct ParameterisedReportsTests {
    static func env(_ server: MockServer, _ dir: TempDir) -> [String: String] {
        ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "WOLKVOX_LOCK_DIR": dir.url.path + "/locks"]
    }

    static func pipeline(_ report: String, _ params: String, from: String, to: String, extra: String = "") -> String {
        BackfillTests.pipeline(report: report, name: "p-\(report)", from: from, to: to, formats: "ndjson",
                               extra: "  params: { \(params) }\n" + extra)
    }

    static func days(_ from: String, _ to: String) -> [LocalDay] {
        let first = LocalDay(iso: from)!, last = LocalDay(iso: to)!
        return (0...(last.daysSinceEpoch - first.daysSinceEpoch)).map { first.adding(days: $0) }
    }

    /// What the mock holds for `value` on `day`: a row whose report has the parameter's field says
    /// the value asked (unless `all`), as the API filters on it.
    static func truth(_ server: MockServer, _ report: ReportSpec, day: LocalDay, parameter: String, value: String) -> [RawRecord] {
        server.dataset.records(report: report, in: Window(days: day, through: day)).map { record in
            var record = record
            if value != "all" {
                for i in record.fields.indices where record.fields[i].name == parameter { record.fields[i].value = value }
            }
            return record
        }
    }

    /// Every value's rows landed once in each landed day, and nothing else there.
    static func expectEachValueLandedOnce(
        _ server: MockServer, _ dir: TempDir, report name: String, parameter: String, values: [String], days: [LocalDay],
        column: Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let report = try #require(ReportCatalog.report(named: name))
        let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/\(name)"))
        for day in days {
            let ofDay = landed.filter { $0.dt == day.description }
            var seen = 0
            for value in values {
                let mine = ofDay.filter { ($0.row[parameter] as? String) == value || (!column && value == "all") }
                let truth = truth(server, report, day: day, parameter: parameter, value: value)
                #expect(!truth.isEmpty, "the mock holds rows for \(value) on \(day)", sourceLocation: sourceLocation)
                let (missing, extra) = GroundTruth.difference(truth: truth, landed: mine, report: report)
                #expect(missing.isEmpty && extra.isEmpty,
                        "\(name) \(parameter)=\(value) dt=\(day): lost \(missing.count) \(missing.prefix(1)), extra \(extra.count) \(extra.prefix(1))", sourceLocation: sourceLocation)
                seen += mine.count
            }
            #expect(seen == ofDay.count, "dt=\(day) holds only the values' rows", sourceLocation: sourceLocation)
        }
    }

    /// The raw NDJSON lines of a landed day, to see the column order.
    static func lines(_ dir: TempDir, _ name: String, _ day: String) throws -> [String] {
        let folder = dir.url.appendingPathComponent("out/\(name)/dt=\(day)")
        return try LandedFiles.files(folder, suffix: ".ndjson.gz").flatMap { file in
            String(decoding: try LandedFiles.gunzip(file), as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    @Test func aListOfThreeValuesLandsEachValuesRowsOnceInTheirDayWithTheValueAsALastColumn() async throws {
        let dir = try TempDir()
        let file = try dir.write("p.yaml", Self.pipeline("skill_6", "skill_id: [5, 7, 9]", from: "2025-03-01", to: "2025-03-04"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let plan = try await CLI.run(["plan", file.path], environment: Self.env(server, dir), cwd: dir.url)
            #expect(plan.stdout.contains("calls: about 12"), "3 values x 4 days: \(plan.stdout)")
            #expect(plan.stdout.contains("3 parameter values"), "\(plan.stdout)")
            let result = try await CLI.run(["run", file.path], environment: Self.env(server, dir), cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stdout) \(result.stderr.suffix(1500))")
            #expect(server.stats.requests == 12, "one call per value per day")
            try Self.expectEachValueLandedOnce(server, dir, report: "skill_6", parameter: "skill_id", values: ["5", "7", "9"],
                                               days: Self.days("2025-03-01", "2025-03-04"), column: true)
            let lines = try Self.lines(dir, "skill_6", "2025-03-02")
            #expect(!lines.isEmpty && lines.allSatisfy { $0.hasSuffix(#""skill_id":"5"}"#) || $0.hasSuffix(#""skill_id":"7"}"#) || $0.hasSuffix(#""skill_id":"9"}"#) })
            // Rows of a day go value after value, in the order the pipeline lists them.
            let order = lines.map { String($0.suffix(3).prefix(1)) }
            #expect(order == order.sorted(), "\(order)")
        }
    }

    /// A timestamped report over the cap: each value's windows split on its own rows.
    @Test func aListOnATimestampedReportSplitsEachValueOnTheCapAndLandsItsRowsOnce() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.recordCap = 150
        let file = try dir.write("p.yaml", Self.pipeline(
            "skill_2", "skill_id: [5, 7]", from: "2025-03-03", to: "2025-03-06", extra: "  max_records_per_request: 150\n"))
        try await MockServer.withRunning(config) { server in
            let result = try await CLI.run(["run", file.path], environment: Self.env(server, dir), cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stdout) \(result.stderr.suffix(1500))")
            let spec = try #require(ReportCatalog.report(named: "skill_2"))
            let total = server.dataset.count(report: spec, in: Window(days: LocalDay(iso: "2025-03-03")!, through: LocalDay(iso: "2025-03-06")!))
            #expect(total > 150, "the range is over the cap: \(total)")
            #expect(server.stats.requests > 2, "split")
            try Self.expectEachValueLandedOnce(server, dir, report: "skill_2", parameter: "skill_id", values: ["5", "7"],
                                               days: Self.days("2025-03-03", "2025-03-06"), column: true)
            let lines = try Self.lines(dir, "skill_2", "2025-03-04")
            #expect(lines.allSatisfy { $0.components(separatedBy: "\"skill_id\"").count == 2 }, "the report's own field, not a second one")
        }
    }

    @Test func oneValueAndAllAreOneCallADayAndStillSayWhatWasAsked() async throws {
        for (params, value) in [("skill_id: 5", "5"), ("skill_id: all", "all")] {
            let dir = try TempDir()
            let file = try dir.write("p.yaml", Self.pipeline("skill_6", params, from: "2025-03-01", to: "2025-03-03"))
            try await MockServer.withRunning(MockConfiguration()) { server in
                let result = try await CLI.run(["run", file.path], environment: Self.env(server, dir), cwd: dir.url)
                #expect(result.exitCode == 0, "\(result.stdout) \(result.stderr.suffix(1500))")
                #expect(server.stats.requests == 3)
                try Self.expectEachValueLandedOnce(server, dir, report: "skill_6", parameter: "skill_id", values: [value],
                                                   days: Self.days("2025-03-01", "2025-03-03"), column: true)
            }
        }
        // A report that carries the field keeps the row's own value under `all`.
        let dir = try TempDir()
        let file = try dir.write("p.yaml", Self.pipeline("skill_1", "skill_id: all", from: "2025-03-01", to: "2025-03-02"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(["run", file.path], environment: Self.env(server, dir), cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stdout) \(result.stderr.suffix(1500))")
            try Self.expectEachValueLandedOnce(server, dir, report: "skill_1", parameter: "skill_id", values: ["all"],
                                               days: Self.days("2025-03-01", "2025-03-02"), column: false)
            let rows = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/skill_1"))
            #expect(Set(rows.compactMap { $0.row["skill_id"] as? String }).count > 1, "the skills' own ids")
        }
    }

    @Test func aValueFailingOneDayLeavesThatDayUnlandedAndLandsTheOthers() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.faults.failingQueries = [FailingQuery(parameter: "skill_id", value: "7", day: LocalDay(iso: "2025-03-02")!)]
        let file = try dir.write("p.yaml", Self.pipeline("skill_6", "skill_id: [5, 7, 9]", from: "2025-03-01", to: "2025-03-03"))
        try await MockServer.withRunning(config) { server in
            let result = try await CLI.run(["run", file.path], environment: Self.env(server, dir), cwd: dir.url)
            #expect(result.exitCode == 1, "\(result.stdout) \(result.stderr.suffix(1500))")
            #expect(result.stdout.contains("skill_id=7"), "the failure names the value: \(result.stdout)")
            #expect(try LandedFiles.days(dir.url.appendingPathComponent("out/skill_6")) == ["dt=2025-03-01", "dt=2025-03-03"])
            try Self.expectEachValueLandedOnce(server, dir, report: "skill_6", parameter: "skill_id", values: ["5", "7", "9"],
                                               days: [LocalDay(iso: "2025-03-01")!, LocalDay(iso: "2025-03-03")!], column: true)
        }
        // The next run, the fault gone, lands the day with every value.
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(["run", file.path, "--from", "2025-03-02", "--to", "2025-03-02"],
                                           environment: Self.env(server, dir), cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stdout)")
            try Self.expectEachValueLandedOnce(server, dir, report: "skill_6", parameter: "skill_id", values: ["5", "7", "9"],
                                               days: Self.days("2025-03-01", "2025-03-03"), column: true)
        }
    }

    @Test func anInterruptedRunOfThreeValuesResumesWithoutLosingOrRepeatingARow() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.responseDelay = .milliseconds(100)
        let file = try dir.write("p.yaml", Self.pipeline("skill_6", "skill_id: [5, 7, 9]", from: "2025-03-01", to: "2025-03-20"))
        let days = Self.days("2025-03-01", "2025-03-20")
        try await MockServer.withRunning(config) { server in
            let env = Self.env(server, dir)
            let run = try Spawned.start(["run", file.path], environment: env, cwd: dir.url, logPrefix: dir.url.appendingPathComponent("run1"))
            let dataset = dir.url.appendingPathComponent("out/skill_6")
            try await waitUntil("3 days have landed") { (try? LandedFiles.days(dataset).count) ?? 0 >= 3 }
            _ = Glibc.kill(run.process.processIdentifier, SIGINT)
            let exit = await run.exit()
            #expect(exit.status == 130, "\(run.stdout) \(run.stderr.suffix(600))")
            let landedFirst = try LandedFiles.days(dataset).count
            #expect(landedFirst >= 3 && landedFirst < 20)
            try Self.expectEachValueLandedOnce(server, dir, report: "skill_6", parameter: "skill_id", values: ["5", "7", "9"],
                                               days: days.filter { (try? LandedFiles.days(dataset).contains("dt=\($0)")) == true }, column: true)
            let callsFirst = server.stats.requests

            let second = try await CLI.run(["run", file.path], environment: env, cwd: dir.url)
            #expect(second.exitCode == 0, "\(second.stdout)")
            #expect(second.stdout.contains("resumed \(landedFirst)"), "\(second.stdout)")
            try Self.expectEachValueLandedOnce(server, dir, report: "skill_6", parameter: "skill_id", values: ["5", "7", "9"],
                                               days: days, column: true)
            // Days landed before the signal are not asked again, for any value.
            let asked = server.stats.requests - callsFirst
            #expect(asked >= 3 * (20 - landedFirst) && asked <= 3 * (20 - landedFirst) + 2, "\(asked) calls for \(20 - landedFirst) days")
        }
    }
}
