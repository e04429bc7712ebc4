import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

struct MockServerRecordsTests {
    /// Ground truth as name -> value rows, the shape Foundation decodes the body into.
    static func plain(_ records: [RawRecord]) -> [[String: String]] {
        records.map { record in
            Dictionary(uniqueKeysWithValues: record.fields.map { ($0.name, $0.value ?? "<null>") })
        }
    }

    @Test(arguments: [ReportCatalog.cdr1, ReportCatalog.chat4, ReportCatalog.diagram13, ReportCatalog.cdr6])
    func servesTheGroundTruthNewestFirst(report: ReportSpec) async throws {
        var configuration = MockConfiguration()
        configuration.dataset = Days.smallData
        try await MockServer.withRunning(configuration) { server in
            let day = Days.busyWeekday(server.dataset, report: report)
            let truth = server.dataset.records(report: report, in: Days.whole(day))
            let ini = LocalDateTime.startOf(day).compact
            let end = LocalDateTime.endOf(day).compact
            let answer = try await get(server.baseURL, reportPath(report.name, ini, end))
            #expect(answer.status == 200)
            let object = try answer.object()
            #expect(object["code"] as? String == "200")
            #expect(object["error"] is NSNull)
            #expect(object["msg"] as? String == "\(truth.count) records were found")
            #expect(try answer.rows() == Self.plain(truth))
            #expect(server.stats.requestsByReport == [report.name: 1])
        }
    }

    @Test func emptyWindowIsA404WithTheAPIsBody() async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            let answer = try await get(server.baseURL, reportPath("cdr_1", "20231231000000", "20231231235959"))
            #expect(answer.status == 404)
            #expect(answer.text == #"{"code": "404", "error": "Not Found", "msg": "Validate dates entered"}"#)
        }
    }

    @Test func responsesAreCutSilentlyAtTheCapKeepingTheNewest() async throws {
        var configuration = MockConfiguration()
        configuration.dataset = Days.smallData
        configuration.recordCap = 25
        try await MockServer.withRunning(configuration) { server in
            let day = Days.busyWeekday(server.dataset)
            let truth = server.dataset.records(report: ReportCatalog.cdr1, in: Days.whole(day))
            try #require(truth.count > 25)
            let answer = try await get(server.baseURL, reportPath("cdr_1", LocalDateTime.startOf(day).compact, LocalDateTime.endOf(day).compact))
            #expect(answer.status == 200)
            #expect(try answer.object()["msg"] as? String == "25 records were found")
            #expect(try answer.rows() == Self.plain(Array(truth.prefix(25))))
            #expect(server.stats.truncated == 1)
        }
    }

    @Test func realTimeServesTheSnapshotAtTheMocksClock() async throws {
        var configuration = MockConfiguration()
        let day = Days.busyWeekday(MockDataset(seed: 1), report: ReportCatalog.callsLast10)
        let now = Days.at(day, 11, 30, 0)
        configuration.now = { now }
        try await MockServer.withRunning(configuration) { server in
            let answer = try await get(server.baseURL, "/api/v2/real_time.php?api=calls_last_10")
            #expect(answer.status == 200)
            let truth = server.dataset.snapshot(at: now)
            try #require(!truth.isEmpty)
            #expect(try answer.rows() == Self.plain(truth))
        }
    }

    @Test func phpStyleAndRawBodiesDecodeToTheSameRows() async throws {
        var configuration = MockConfiguration()
        configuration.dataset = Days.smallData
        configuration.dataset.longChatBodyRate = 0.3
        let day = Days.busyWeekday(MockDataset(seed: 1, configuration: configuration.dataset), report: ReportCatalog.chat4)
        let path = reportPath("chat_4", LocalDateTime.startOf(day).compact, LocalDateTime.endOf(day).compact)
        let php = try await MockServer.withRunning(configuration) { try await get($0.baseURL, path) }
        configuration.phpStyleEscapes = false
        let raw = try await MockServer.withRunning(configuration) { try await get($0.baseURL, path) }
        #expect(php.text.contains("\\u00"))
        #expect(!php.text.unicodeScalars.contains { $0.value > 127 })
        #expect(raw.text.unicodeScalars.contains { $0.value > 127 })
        #expect(try php.rows() == raw.rows())
    }
}
