import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// The other reports end to end, and the CSV files against independent readers.
@Suite(.serialized)
struct ReportsTests {
    static let env = ["WOLKVOX_TOKEN": "mock-token"]

    func run(_ report: ReportSpec, from: String?, to: String?, in dir: TempDir, server: MockServer) async throws -> CLI.Result {
        let file = try dir.write("\(report.name).yaml", BackfillTests.pipeline(report: report.name, name: "e2e-\(report.name)", from: from, to: to))
        return try await CLI.run(["run", file.path], environment: Self.env.merging(["WOLKVOX_BASE_URL": server.baseURL]) { $1 }, cwd: dir.url)
    }

    func expectLandedEqualsTruth(_ report: ReportSpec, first: LocalDay, last: LocalDay, dir: TempDir, server: MockServer) throws {
        let truth = server.dataset.records(report: report, in: Window(days: first, through: last))
        let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/\(report.name)"))
        let (missing, extra) = GroundTruth.difference(truth: truth, landed: landed, report: report)
        #expect(missing.count == 0, "\(report.name) not landed (\(missing.count)): \(missing.prefix(3))")
        #expect(extra.count == 0, "\(report.name) landed but not in the API (\(extra.count)): \(extra.prefix(3))")
        if case .field(let name) = report.dayOf {
            #expect(landed.allSatisfy { ($0.row[name] as? String)?.hasPrefix($0.dt) == true })
        }
    }

    @Test(arguments: [ReportCatalog.chat4, ReportCatalog.diagram13])
    func aWeekOfADatedReportLandsTheGroundTruth(report: ReportSpec) async throws {
        let dir = try TempDir()
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await run(report, from: "2025-03-08", to: "2025-03-14", in: dir, server: server)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            try expectLandedEqualsTruth(report, first: LocalDay(year: 2025, month: 3, day: 8), last: LocalDay(year: 2025, month: 3, day: 14), dir: dir, server: server)
            let days = try LandedFiles.days(dir.url.appendingPathComponent("out/\(report.name)"))
            #expect(days.count == 7, "every asked day lands, empty ones too: \(days)")
        }
    }

    @Test func unconnectedCallsLandOnePartitionPerAskedDayWithIntegerCounts() async throws {
        let dir = try TempDir()
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await run(ReportCatalog.cdr6, from: "2025-03-10", to: "2025-03-13", in: dir, server: server)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/cdr_6"))
            for offset in 0..<4 {
                let day = LocalDay(year: 2025, month: 3, day: 10).adding(days: offset)
                let truth = server.dataset.records(report: ReportCatalog.cdr6, in: Window(days: day, through: day))
                let rows = landed.filter { $0.dt == day.description }
                #expect(rows.count == truth.count)
                let truthTotal = truth.compactMap { $0["count"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }.reduce(0, +)
                let landedTotal = rows.compactMap { ($0.row["count"] as? NSNumber)?.intValue }.reduce(0, +)
                #expect(landedTotal == truthTotal)
            }
            #expect(server.stats.requests == 4, "one call per day: the records carry no date")
        }
    }

    @Test func aRealTimeSnapshotLandsTheLastTenMinutesOnceAcrossOverlappingPolls() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        let now = LocalDateTime(day: LocalDay(year: 2025, month: 3, day: 11), hour: 10, minute: 30, second: 0)
        config.now = { now }
        try await MockServer.withRunning(config) { server in
            let first = try await run(ReportCatalog.callsLast10, from: nil, to: nil, in: dir, server: server)
            #expect(first.exitCode == 0, "\(first.stderr.suffix(1500))")
            let second = try await run(ReportCatalog.callsLast10, from: nil, to: nil, in: dir, server: server)
            #expect(second.exitCode == 0, "\(second.stderr.suffix(1500))")
            let truth = server.dataset.snapshot(at: now)
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/calls_last_10"))
            #expect(!truth.isEmpty)
            #expect(landed.count == truth.count, "the second poll saw the same calls and added none")
            #expect(landed.allSatisfy { $0.dt == "2025-03-11" })
        }
    }

    @Test func csvFilesReadByPythonAndDuckDBGiveTheSameRowsAsNDJSON() async throws {
        let dir = try TempDir()
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await run(ReportCatalog.chat4, from: "2025-03-10", to: "2025-03-12", in: dir, server: server)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            let root = dir.url.appendingPathComponent("out/chat_4").path
            let compare = try PythonReader.run(PythonReader.compareCSVWithNDJSON, arguments: [root])
            try #require(compare.status != 127, "python3 is needed to read the CSV independently")
            #expect(compare.status == 0 && compare.output.hasPrefix("SAME "), "\(compare.output)")
            let landed = try LandedFiles.ndjsonRows(URL(fileURLWithPath: root)).count
            #expect(compare.output.trimmingCharacters(in: .whitespacesAndNewlines) == "SAME \(landed)")
            // Chat bodies carry newlines, quotes and commas: the cross-check above covers them.
            let duck = try PythonReader.run(PythonReader.duckdbCounts, arguments: [root])
            if !duck.output.hasPrefix("NODUCKDB") {
                #expect(duck.output.trimmingCharacters(in: .whitespacesAndNewlines) == "COUNTS \(landed) \(landed)", "\(duck.output)")
            }
        }
    }
}
