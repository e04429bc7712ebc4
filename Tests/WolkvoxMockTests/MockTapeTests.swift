import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

struct MockTapeTests {
    /// A fresh folder for one test's recordings, removed when `body` returns.
    static func withTapeFolder<T>(_ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mock-tape-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await body(folder)
    }

    static func configuration(_ mode: MockTape.Mode, _ folder: String, seed: UInt64 = 1) -> MockConfiguration {
        var configuration = MockConfiguration()
        configuration.seed = seed
        configuration.dataset = Days.smallData
        configuration.chunkSize = 4 << 10  // many chunks, so the recording is appended, not written once
        configuration.tape = MockTape(mode: mode, directory: folder)
        return configuration
    }

    @Test(arguments: ["cdr_1", "chat_4", "cdr_6"])
    func replayServesTheRecordedBytesExactly(reportName: String) async throws {
        let report = try #require(ReportCatalog.report(named: reportName))
        try await Self.withTapeFolder { folder in
            let day = Days.busyWeekday(MockDataset(seed: 1, configuration: Days.smallData), report: report)
            let window = Days.whole(day)
            let path = reportPath(report.name, window.start.compact, window.end.compact)
            let recorded = try await MockServer.withRunning(Self.configuration(.record, folder)) { server in
                try await get(server.baseURL, path)
            }
            #expect(recorded.status == 200)
            let file = MockTape(mode: .replay, directory: folder).bodyPath(report: report.name, window: window)
            #expect(file.hasSuffix("/\(report.name)_\(window.start.compact)_\(window.end.compact).json"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == recorded.body)

            // Another seed: a server that generated its answer would send other rows.
            let replayed = try await MockServer.withRunning(Self.configuration(.replay, folder, seed: 99)) { server in
                try await get(server.baseURL, path)
            }
            #expect(replayed.status == 200)
            #expect(replayed.contentType?.hasPrefix("application/json") == true)
            #expect(replayed.body == recorded.body)
        }
    }

    @Test func anEmptyWindowIsRecordedAndReplayedAsThe404() async throws {
        try await Self.withTapeFolder { folder in
            let path = reportPath("cdr_1", "20231231000000", "20231231235959")
            let recorded = try await MockServer.withRunning(Self.configuration(.record, folder)) { server in
                try await get(server.baseURL, path)
            }
            let replayed = try await MockServer.withRunning(Self.configuration(.replay, folder)) { server in
                try await get(server.baseURL, path)
            }
            #expect(recorded.status == 404)
            #expect(replayed.status == 404)
            #expect(replayed.text == recorded.text)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["cdr_1_20231231000000_20231231235959.404"])
        }
    }

    @Test func aQueryNeverRecordedIsA500NamingTheMissingFile() async throws {
        try await Self.withTapeFolder { folder in
            let answer = try await MockServer.withRunning(Self.configuration(.replay, folder)) { server in
                let answer = try await get(server.baseURL, reportPath("cdr_1", "20250106000000", "20250106235959"))
                #expect(server.stats.requests == 1)
                return answer
            }
            #expect(answer.status == 500)
            let message = try #require(try answer.object()["msg"] as? String)
            #expect(message.contains("\(folder)/cdr_1_20250106000000_20250106235959.json is missing"))
        }
    }

    @Test func replayKeepsTheTokenRule() async throws {
        try await Self.withTapeFolder { folder in
            let answer = try await MockServer.withRunning(Self.configuration(.replay, folder)) { server in
                try await get(server.baseURL, reportPath("cdr_1", "20250106000000", "20250106235959"), token: "wrong")
            }
            #expect(answer.status == 403)
            #expect(answer.text.contains("PLEASE VALIDATE TOKEN"))
        }
    }

    @Test func inMemoryBodyIsTheBodyTheServerSends() async throws {
        var configuration = MockConfiguration()
        configuration.dataset = Days.smallData
        let day = Days.busyWeekday(MockDataset(seed: 1, configuration: Days.smallData))
        let window = Days.whole(day)
        let sent = try await MockServer.withRunning(configuration) { server in
            try await get(server.baseURL, reportPath("cdr_1", window.start.compact, window.end.compact))
        }
        let built = MockDataset(seed: 1, configuration: Days.smallData).responseBody(report: ReportCatalog.cdr1, window: window)
        #expect(built.map { Data($0) } == sent.body)
    }
}

struct MockTapeRecordMissingTests {
    @Test func replayWithRecordMissingGeneratesAndSavesTheQuery() async throws {
        try await MockTapeTests.withTapeFolder { folder in
            let day = Days.busyWeekday(MockDataset(seed: 1, configuration: Days.smallData))
            let window = Days.whole(day)
            var configuration = MockTapeTests.configuration(.replay, folder)
            configuration.tape?.recordMissing = true
            let answer = try await MockServer.withRunning(configuration) { server in
                try await get(server.baseURL, reportPath("cdr_1", window.start.compact, window.end.compact))
            }
            #expect(answer.status == 200)
            let saved = try Data(contentsOf: URL(fileURLWithPath: try #require(configuration.tape).bodyPath(report: "cdr_1", window: window)))
            #expect(saved == answer.body)
        }
    }
}
