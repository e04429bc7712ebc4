import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// The API's query time and PHP's execution limit (`MockConfiguration.queryTimePerRow`,
/// `executionLimitRows`).
struct MockExecutionLimitTests {
    static let dataset = MockDataset(seed: 1, configuration: Days.smallData)
    static let day = Days.busyWeekday(dataset)
    static let dayRows = dataset.count(report: ReportCatalog.cdr1, in: Days.whole(day))
    static let dayPath = reportPath("cdr_1", LocalDateTime.startOf(day).compact, LocalDateTime.endOf(day).compact)
    static let morningPath = reportPath(
        "cdr_1", LocalDateTime.startOf(day).compact, Days.at(day, 11, 59, 59).compact)

    static func configuration(limit: Int?) -> MockConfiguration {
        var configuration = MockConfiguration()
        configuration.dataset = Days.smallData
        configuration.executionLimitRows = limit
        // One slot: a page that did not free its slot would turn the next request away.
        configuration.maxConcurrentPerToken = 1
        return configuration
    }

    @Test func aWindowOverTheLimitGetsPHPsFatalErrorPageWith200() async throws {
        try await MockServer.withRunning(Self.configuration(limit: Self.dayRows - 1)) { server in
            let answer = try await rawGet(server.baseURL, Self.dayPath)
            #expect(answer.status == 200)
            #expect(answer.complete)
            #expect(answer.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(answer.text == "<br />\n<b>Fatal error</b>:  Maximum execution time of 60 seconds exceeded in "
                + "<b>/var/www/html/api/v2/reports_manager.php</b> on line <b>412</b><br />\n")
            #expect(answer.json == nil)
            #expect(server.stats.executionLimitHits == 1)
            #expect(server.stats.truncated == 0)

            let again = try await get(server.baseURL, Self.dayPath)
            #expect(again.status == 200 && again.text.contains("Maximum execution time"), "the slot was not freed")
            let morning = try await get(server.baseURL, Self.morningPath)
            #expect(try morning.rows().count == server.dataset.count(
                report: ReportCatalog.cdr1, in: Window(start: LocalDateTime.startOf(Self.day), end: Days.at(Self.day, 11, 59, 59))))
            #expect(server.stats.executionLimitHits == 2)
            #expect(server.stats.refusedBusy == 0)
        }
    }

    @Test func aWindowAtTheLimitIsAnswered() async throws {
        try await MockServer.withRunning(Self.configuration(limit: Self.dayRows)) { server in
            let answer = try await get(server.baseURL, Self.dayPath)
            #expect(try answer.rows().count == Self.dayRows)
            #expect(server.stats.executionLimitHits == 0)
        }
    }

    @Test func theLimitCountsTheRowsBeforeTheCap() async throws {
        var configuration = Self.configuration(limit: Self.dayRows - 1)
        configuration.recordCap = 10
        try await MockServer.withRunning(configuration) { server in
            let answer = try await get(server.baseURL, Self.dayPath)
            #expect(answer.text.contains("Maximum execution time"))
        }
    }

    @Test func cdr6CountsEveryCallItScans() async throws {
        var configuration = MockConfiguration()
        let day = Days.busyWeekday(MockDataset(seed: 1), report: ReportCatalog.cdr6)
        let counts = MockDataset(seed: 1).records(report: ReportCatalog.cdr6, in: Days.whole(day))
        let calls = counts.compactMap { $0["count"].flatMap { Int($0) } }.reduce(0, +)
        try #require(calls > counts.count)
        configuration.executionLimitRows = calls - 1
        try await MockServer.withRunning(configuration) { server in
            let path = reportPath("cdr_6", LocalDateTime.startOf(day).compact, LocalDateTime.endOf(day).compact)
            let answer = try await get(server.baseURL, path)
            #expect(answer.text.contains("Maximum execution time"))
        }
    }

    @Test func thePageComesAfterTheDelay() async throws {
        var configuration = Self.configuration(limit: 0)
        configuration.executionLimitDelay = .milliseconds(300)
        try await MockServer.withRunning(configuration) { server in
            let clock = ContinuousClock()
            let start = clock.now
            let answer = try await get(server.baseURL, Self.dayPath)
            #expect(clock.now - start >= .milliseconds(300))
            #expect(answer.text.contains("Maximum execution time"))
        }
    }

    @Test func theQueryTimeGrowsWithTheWindowsRows() async throws {
        var configuration = Self.configuration(limit: nil)
        configuration.recordCap = 10
        configuration.queryTimePerRow = .milliseconds(2)
        try await MockServer.withRunning(configuration) { server in
            let clock = ContinuousClock()
            let start = clock.now
            let answer = try await get(server.baseURL, Self.dayPath)
            #expect(clock.now - start >= .milliseconds(2) * Self.dayRows)
            #expect(try answer.rows().count == 10)
        }
    }
}
