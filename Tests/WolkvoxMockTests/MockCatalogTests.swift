import Foundation
import Testing
import WolkvoxAPI
@testable import WolkvoxMock

/// The mock serves every report of the catalog from the catalog itself.
struct MockCatalogTests {
    static let now = LocalDateTime(day: LocalDay(year: 2025, month: 3, day: 4), hour: 11, minute: 30, second: 0)
    /// A Tuesday that holds data.
    static let day = LocalDay(year: 2025, month: 3, day: 4)

    static var configuration: MockConfiguration {
        var configuration = MockConfiguration()
        configuration.dataset = Days.smallData
        configuration.now = { now }
        return configuration
    }

    /// The request for one day of `spec` (or its snapshot), with its required parameters.
    static func path(_ spec: ReportSpec, day: LocalDay = day, params: [String: String]? = nil) -> String {
        var path = "/api/v2/\(spec.endpoint.rawValue)?api=\(spec.api)"
        let values = params ?? Dictionary(uniqueKeysWithValues: spec.requiredParameters.map {
            ($0.name, $0.name == "skill_id" || $0.name == "cod_act" ? "all" : "12")
        })
        for (name, value) in values.sorted(by: { $0.key < $1.key }) { path += "&\(name)=\(value)" }
        if spec.takesRange {
            path += "&date_ini=\(LocalDateTime.startOf(day).compact)&date_end=\(LocalDateTime.endOf(day).compact)"
        }
        return path
    }

    @Test func servesEveryCatalogReportInAShapeTheParserReads() async throws {
        try await MockServer.withRunning(Self.configuration) { server in
            var served = 0
            for spec in ReportCatalog.all {
                let answer = try await get(server.baseURL, Self.path(spec))
                #expect(answer.status == 200, "\(spec.name): \(answer.text.prefix(200))")
                guard answer.status == 200 else { continue }
                var parser = ResponseParser()
                var rows: [RawRecord] = []
                try parser.consume(Array(answer.body)) { rows.append($0) }
                let envelope = try parser.finish()
                let truth = server.dataset.records(
                    report: spec, in: spec.takesRange ? Days.whole(Self.day) : MockDataset.snapshotWindow(at: Self.now))
                switch spec.envelope {
                case .list:
                    #expect(envelope.dataShape == .list, "\(spec.name)")
                    #expect(!rows.isEmpty && rows.count == truth.count, "\(spec.name)")
                    // diagram_13 keeps its sample's order (attempt before telephone), unlike its table.
                    #expect(rows.first.map { Set($0.fields.map(\.name)) } == Set(spec.fields.map(\.name)), "\(spec.name)")
                case .object:
                    #expect(envelope.dataShape == .object, "\(spec.name)")
                    #expect(!rows.isEmpty, "\(spec.name)")
                case .records:
                    let object = try answer.object()
                    #expect((object["records"] as? [Any])?.count == truth.count, "\(spec.name)")
                    #expect(object["total_records"] as? Int == truth.count, "\(spec.name)")
                    withKnownIssue("ResponseParser reads rows from `data` only, not campaign_15's `records`") {
                        #expect(rows.count == truth.count)
                    }
                }
                served += 1
            }
            #expect(served == ReportCatalog.all.count)
        }
    }

    @Test func nestedArraysArriveAsJSONArrays() async throws {
        try await MockServer.withRunning(Self.configuration) { server in
            let spec = try #require(ReportCatalog.report(named: "chat_2"))
            let answer = try await get(server.baseURL, Self.path(spec))
            let data = try #require(try answer.object()["data"] as? [[String: Any]])
            let conversation = try #require(data.first?["conversation"] as? [[String: Any]])
            #expect(conversation.first?["message"] is String)
        }
    }

    @Test func aMissingRequiredParameterIsTheAPIs400() async throws {
        try await MockServer.withRunning(Self.configuration) { server in
            let spec = try #require(ReportCatalog.report(named: "skill_1"))
            let answer = try await get(server.baseURL, Self.path(spec, params: [:]))
            #expect(answer.status == 400)
            #expect(answer.text == #"{"code": "400", "error": "Bad Request", "msg": "SOME PARAMETERS ARE REQUIRED"}"#)
        }
    }

    @Test func aParameterFiltersTheRowsThatCarryIt() async throws {
        try await MockServer.withRunning(Self.configuration) { server in
            let spec = try #require(ReportCatalog.report(named: "skill_1"))
            let rows = try await get(server.baseURL, Self.path(spec, params: ["skill_id": "0012"])).rows()
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { $0["skill_id"] == "0012" })
        }
    }

    @Test func aFailingQueryFailsOnlyItsValueOnItsDay() async throws {
        var configuration = Self.configuration
        configuration.faults.failingQueries = [FailingQuery(parameter: "skill_id", value: "7", day: Self.day)]
        try await MockServer.withRunning(configuration) { server in
            let spec = try #require(ReportCatalog.report(named: "skill_1"))
            #expect(try await get(server.baseURL, Self.path(spec, params: ["skill_id": "7"])).status == 500)
            #expect(try await get(server.baseURL, Self.path(spec, params: ["skill_id": "5"])).status == 200)
            #expect(try await get(server.baseURL, Self.path(spec, day: Self.day.adding(days: 1), params: ["skill_id": "7"])).status == 200)
            #expect(server.stats.faultsInjected[.serverError] == 1)
        }
    }

    @Test func aReportTheServerHasNotEnabledAnswers404() async throws {
        var configuration = Self.configuration
        configuration.disabledReports = ["agent_1"]
        try await MockServer.withRunning(configuration) { server in
            let spec = try #require(ReportCatalog.report(named: "agent_1"))
            let answer = try await get(server.baseURL, Self.path(spec))
            #expect(answer.status == 404)
            #expect(answer.text == #"{"code": "404", "error": "Not Found", "msg": "Validate dates entered"}"#)
            let other = try await get(server.baseURL, Self.path(try #require(ReportCatalog.report(named: "agent_3"))))
            #expect(other.status == 200)
        }
    }

    @Test(arguments: ["agent_1", "skill_1", "cdr_2", "act_1"])
    func windowTotalsAddUpExactlyOverTheDaysOfTheWindow(name: String) throws {
        let dataset = MockDataset(seed: 7, configuration: Days.smallData)
        let spec = try #require(ReportCatalog.report(named: name))
        let first = LocalDay(year: 2025, month: 3, day: 1)
        let last = first.adding(days: 9)
        let numbers = spec.fields.filter { $0.type == .int || $0.type == .duration || $0.type == .decimal }
        try #require(!numbers.isEmpty)
        /// Per row key, the sum of each number (durations in seconds, decimals in hundredths).
        func sums(_ rows: [RawRecord], into totals: inout [String: [Int]]) {
            for row in rows {
                let key = spec.key.map { row[$0] ?? "" }.joined(separator: "|")
                var values = totals[key] ?? [Int](repeating: 0, count: numbers.count)
                for (i, field) in numbers.enumerated() { values[i] += Self.number(row[field.name] ?? "", field.type) }
                totals[key] = values
            }
        }
        var byDay: [String: [Int]] = [:]
        var day = first
        while day <= last {
            sums(dataset.records(report: spec, in: Days.whole(day)), into: &byDay)
            day = day.adding(days: 1)
        }
        var whole: [String: [Int]] = [:]
        sums(dataset.records(report: spec, in: Window(days: first, through: last)), into: &whole)
        #expect(!whole.isEmpty)
        #expect(byDay == whole)
    }

    static func number(_ text: String, _ type: FieldType) -> Int {
        switch type {
        case .duration:
            return text.split(separator: ":").reduce(0) { $0 * 60 + (Int($1) ?? 0) }
        case .decimal:
            let parts = text.split(separator: ".")
            return (Int(parts[0]) ?? 0) * 100 + (parts.count > 1 ? Int(parts[1]) ?? 0 : 0)
        default:
            return Int(text) ?? 0
        }
    }

    @Test func valuesFollowTheirTypesAndTheAPIsFormats() throws {
        let dataset = MockDataset(seed: 3, configuration: Days.smallData)
        let spec = try #require(ReportCatalog.report(named: "agent_1"))
        let rows = dataset.records(report: spec, in: Days.whole(Self.day))
        try #require(!rows.isEmpty)
        for row in rows {
            for field in spec.fields {
                let value = row[field.name] ?? ""
                switch field.type {
                case .duration: #expect(value.wholeMatch(of: /\d{2,}:\d{2}:\d{2}/) != nil, "\(field.name): \(value)")
                case .percent: #expect(value.wholeMatch(of: /\d+\.\d{2} %|-/) != nil, "\(field.name): \(value)")
                case .int: #expect(Int(value) != nil, "\(field.name): \(value)")
                default: break
                }
            }
        }
        let agent8 = try #require(ReportCatalog.report(named: "agent_8"))
        let hourly = dataset.records(report: agent8, in: Days.whole(Self.day))
        let agents = Set(hourly.map { $0["agent_id"] ?? "" })
        #expect(hourly.count == agents.count * 24)  // 24 hourly rows per agent, zeros included
        #expect(hourly.allSatisfy { $0["date"] == Self.day.description })
    }

    @Test func timestampedCatalogReportsHaveTheirRowsInTheirOwnDay() throws {
        let dataset = MockDataset(seed: 3, configuration: Days.smallData)
        let spec = try #require(ReportCatalog.report(named: "cdr_5"))
        let rows = dataset.records(report: spec, in: Days.whole(Self.day))
        #expect(rows.count > 20)
        #expect(rows.allSatisfy { $0["date"]?.hasPrefix(Self.day.description) == true })
    }
}
