import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// Reports with nested arrays and objects through the CLI and the mock: nested in NDJSON, one
/// JSON cell in CSV, one row per element with `transform.explode`.
@Suite(.serialized)
struct NestedReportsTests {
    static let day = LocalDay(year: 2025, month: 3, day: 11)

    static func run(_ report: String, in dir: TempDir, server: MockServer, formats: String = "[ndjson, csv]", extra: String = "")
        async throws -> CLI.Result
    {
        let name = "e2e-\(report)"
        let file = try dir.write("\(report).yaml", BackfillTests.pipeline(
            report: report, name: name, from: day.description, to: day.description, formats: formats, extra: extra))
        return try await CLI.run(
            ["run", file.path], environment: ReportsTests.env.merging(["WOLKVOX_BASE_URL": server.baseURL]) { $1 }, cwd: dir.url)
    }

    /// What the API sent for agent_5's hours, per agent: (hour, calls) of each element, in order.
    static func truthHours(_ truth: [RawRecord]) throws -> [String: [[String]]] {
        var byAgent: [String: [[String]]] = [:]
        for record in truth {
            let text = try #require(record["status_x_hour"])
            let elements = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]])
            // Blank text lands as null: compare it as empty.
            byAgent[record["agent_id"] ?? ""] = elements.map { [($0["hour"] ?? "").trimmingCharacters(in: .whitespaces), $0["calls"] ?? ""] }
        }
        return byAgent
    }

    @Test func agentHoursLandNestedAndTypedInNDJSONAndAsOneJSONCellInCSV() async throws {
        let dir = try TempDir()
        let spec = try #require(ReportCatalog.report(named: "agent_5"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await Self.run("agent_5", in: dir, server: server)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            let truth = server.dataset.records(report: spec, in: Window(days: Self.day, through: Self.day))
            try #require(!truth.isEmpty)
            let root = dir.url.appendingPathComponent("out/agent_5")
            let landed = try LandedFiles.ndjsonRows(root)
            #expect(landed.count == truth.count)
            var byAgent: [String: [[String]]] = [:]
            for (dt, row) in landed {
                #expect(dt == Self.day.description)
                let hours = try #require(row["status_x_hour"] as? [[String: Any]], "a JSON array, not a string: \(row)")
                byAgent[row["agent_id"] as? String ?? ""] = hours.map { hour in
                    // Inside, numbers are JSON numbers and durations seconds, as at the top level.
                    #expect(hour["calls"] is NSNumber, "\(hour)")
                    #expect(hour["ready_time"] is NSNumber, "\(hour)")
                    return [hour["hour"] as? String ?? "", (hour["calls"] as? NSNumber).map { "\($0.intValue)" } ?? ""]
                }
            }
            #expect(byAgent == (try Self.truthHours(truth)))
            // The CSV cell is the same JSON, read back by Python's csv and json modules.
            let compare = try PythonReader.run(PythonReader.compareCSVWithNDJSON, arguments: [root.path])
            try #require(compare.status != 127, "python3 is needed to read the CSV independently")
            #expect(compare.output.trimmingCharacters(in: .whitespacesAndNewlines) == "SAME \(landed.count)", "\(compare.output)")
        }
    }

    @Test func explodeLandsOneRowPerHourCarryingTheAgent() async throws {
        let dir = try TempDir()
        let spec = try #require(ReportCatalog.report(named: "agent_5"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await Self.run("agent_5", in: dir, server: server, extra: "transform:\n  explode: status_x_hour\n")
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            let truth = try Self.truthHours(server.dataset.records(report: spec, in: Window(days: Self.day, through: Self.day)))
            let root = dir.url.appendingPathComponent("out/agent_5")
            let landed = try LandedFiles.ndjsonRows(root)
            #expect(landed.count == truth.values.reduce(0) { $0 + $1.count })
            var byAgent: [String: [[String]]] = [:]
            for (_, row) in landed {
                #expect(row["status_x_hour"] == nil)
                #expect(row["agent_name"] is String || row["agent_name"] is NSNull)
                byAgent[row["agent_id"] as? String ?? "", default: []].append(
                    [row["hour"] as? String ?? "", (row["calls"] as? NSNumber).map { "\($0.intValue)" } ?? ""])
            }
            #expect(byAgent == truth)
            let compare = try PythonReader.run(PythonReader.compareCSVWithNDJSON, arguments: [root.path])
            #expect(compare.output.trimmingCharacters(in: .whitespacesAndNewlines) == "SAME \(landed.count)", "\(compare.output)")
        }
    }

    @Test(.enabled(if: PythonReader.hasDuckDB, "DuckDB is not installed (pip install duckdb): its reading of a nested tree is not checked"))
    func duckDBReadsTheNestedTreeAsListsOfStructs() async throws {
        let dir = try TempDir()
        let spec = try #require(ReportCatalog.report(named: "agent_5"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await Self.run("agent_5", in: dir, server: server)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            let truth = try Self.truthHours(server.dataset.records(report: spec, in: Window(days: Self.day, through: Self.day)))
            let calls = truth.values.joined().compactMap { Int($0[1]) }.reduce(0, +)
            let hours = truth.values.reduce(0) { $0 + $1.count }
            let root = dir.url.appendingPathComponent("out/agent_5").path
            let duck = try PythonReader.run(PythonReader.duckdbNestedSums, arguments: [root])
            #expect(duck.output.trimmingCharacters(in: .whitespacesAndNewlines) == "NESTED \(truth.count) \(hours) \(calls)", "\(duck.output)")
        }
    }

    @Test func chatConversationsKeepTheirTimesWithTheOffsetInside() async throws {
        let dir = try TempDir()
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await Self.run("chat_2", in: dir, server: server, formats: "ndjson")
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/chat_2"))
            try #require(!landed.isEmpty)
            for (_, row) in landed {
                let conversation = try #require(row["conversation"] as? [[String: Any]])
                for message in conversation {
                    let date = try #require(message["date"] as? String)
                    #expect(date.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-05:00/) != nil, "\(date)")
                }
            }
        }
    }
}
