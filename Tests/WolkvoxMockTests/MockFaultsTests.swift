import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// Each injected fault as a client on the wire sees it.
struct MockFaultsTests {
    /// A configuration with small data and the given faults.
    static func configuration(_ faults: MockFaults) -> MockConfiguration {
        var configuration = MockConfiguration()
        configuration.dataset = Days.smallData
        configuration.faults = faults
        return configuration
    }

    /// A whole busy weekday of cdr_1 (a few hundred rows with the small data).
    static let dayPath: String = {
        let day = Days.busyWeekday(MockDataset(seed: 1, configuration: Days.smallData))
        return reportPath("cdr_1", LocalDateTime.startOf(day).compact, LocalDateTime.endOf(day).compact)
    }()

    /// The body the mock sends for `dayPath` without faults.
    static func cleanBody() async throws -> [UInt8] {
        let answer = try await MockServer.withRunning(configuration(MockFaults())) { try await rawGet($0.baseURL, dayPath) }
        try #require(answer.status == 200 && answer.complete && answer.json != nil)
        return answer.body
    }

    @Test func noFaultsByDefault() async throws {
        #expect(!MockFaults().isEnabled)
        try await MockServer.withRunning(Self.configuration(MockFaults())) { server in
            for _ in 0..<5 {
                let answer = try await rawGet(server.baseURL, Self.dayPath)
                #expect(answer.status == 200)
                #expect(answer.complete)
                #expect(answer.json?["code"] as? String == "200")
                #expect(answer.headers["retry-after"] == nil)
            }
            #expect(server.stats.faultsInjected.isEmpty)
            #expect(server.stats.totalFaults == 0)
            #expect(server.stats.tokenCalls == 5)
        }
    }

    @Test func serverErrorIsA500WithAnHTMLPage() async throws {
        var faults = MockFaults()
        faults.serverErrorRate = 1
        faults.retryAfterSeconds = 7
        try await MockServer.withRunning(Self.configuration(faults)) { server in
            let answer = try await rawGet(server.baseURL, Self.dayPath)
            #expect(answer.status == 500)
            #expect(answer.complete)
            #expect(answer.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(answer.text.contains("<title>500 Internal Server Error</title>"))
            #expect(answer.json == nil)
            #expect(answer.headers["retry-after"] == "7")
            #expect(server.stats.faultsInjected == [.serverError: 1])
        }
    }

    @Test func droppedConnectionEndsAfterAboutHalfTheBody() async throws {
        let clean = try await Self.cleanBody()
        var faults = MockFaults()
        faults.dropMidBodyRate = 1
        try await MockServer.withRunning(Self.configuration(faults)) { server in
            let answer = try await rawGet(server.baseURL, Self.dayPath)
            #expect(answer.status == 200)
            #expect(!answer.complete)
            #expect(!answer.timedOut)
            #expect(clean.starts(with: answer.body))
            #expect(answer.body.count > clean.count / 4 && answer.body.count < clean.count * 3 / 4)
            #expect(server.stats.faultsInjected == [.dropMidBody: 1])
        }
    }

    @Test func truncatedJSONIsACompleteBodyCutMidRecord() async throws {
        let clean = try await Self.cleanBody()
        var faults = MockFaults()
        faults.truncatedJSONRate = 1
        try await MockServer.withRunning(Self.configuration(faults)) { server in
            let answer = try await rawGet(server.baseURL, Self.dayPath)
            #expect(answer.status == 200)
            #expect(answer.complete)
            #expect(answer.json == nil)
            #expect(clean.starts(with: answer.body))
            #expect(answer.body.count < clean.count)
            #expect(answer.body.last != UInt8(ascii: "}"))
            #expect(server.stats.faultsInjected == [.truncatedJSON: 1])
        }
    }

    @Test func garbledJSONIsACompleteBodyThatDoesNotParse() async throws {
        var faults = MockFaults()
        faults.garbledJSONRate = 1
        try await MockServer.withRunning(Self.configuration(faults)) { server in
            var junk: Set<String> = []
            for _ in 0..<8 {
                let answer = try await rawGet(server.baseURL, Self.dayPath)
                #expect(answer.status == 200)
                #expect(answer.complete)
                #expect(answer.json == nil)
                #expect(answer.text.hasSuffix("]}"))
                if answer.text.contains("<b>Warning</b>") { junk.insert("php warning") }
                if answer.text.contains("}]}{") { junk.insert("brackets") }
            }
            #expect(junk == ["php warning", "brackets"])
            #expect(server.stats.faultsInjected == [.garbledJSON: 8])
        }
    }

    @Test func busyIsTheDocumented403EvenWhenIdle() async throws {
        var faults = MockFaults()
        faults.busyRate = 1
        try await MockServer.withRunning(Self.configuration(faults)) { server in
            let answer = try await rawGet(server.baseURL, Self.dayPath)
            #expect(answer.status == 403)
            #expect(answer.json?["msg"] as? String == "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)")
            #expect(server.stats.faultsInjected == [.busy: 1])
            #expect(server.stats.refusedBusy == 0)
            #expect(server.stats.tokenCalls == 0)
        }
    }
}
