import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// A window over the cap as a client on the wire sees it, under each `MockCapKeeps`,
/// `MockRowOrder` and `MockMsgCount`.
struct MockServerCapTests {
    static let cap = 25

    static func configuration(
        keeps: MockCapKeeps = .newest, order: MockRowOrder = .newestFirst, msg: MockMsgCount = .returned,
        selectionSeed: UInt64 = 1, cap: Int = cap
    ) -> MockConfiguration {
        var configuration = MockConfiguration()
        configuration.dataset = Days.smallData
        configuration.recordCap = cap
        configuration.capKeeps = keeps
        configuration.rowOrder = order
        configuration.msgCounts = msg
        configuration.selectionSeed = selectionSeed
        return configuration
    }

    /// The busy day's rows as the server sends them, and its ground truth newest first.
    static func day(_ configuration: MockConfiguration) async throws -> (answer: HTTPAnswer, truth: [[String: String]]) {
        try await MockServer.withRunning(configuration) { server in
            let day = Days.busyWeekday(server.dataset)
            let truth = server.dataset.records(report: ReportCatalog.cdr1, in: Days.whole(day))
            let path = reportPath("cdr_1", LocalDateTime.startOf(day).compact, LocalDateTime.endOf(day).compact)
            let answer = try await get(server.baseURL, path)
            #expect(answer.status == 200)
            #expect(server.stats.truncated == (truth.count > configuration.recordCap ? 1 : 0))
            return (answer, MockServerRecordsTests.plain(truth))
        }
    }

    static func times(_ rows: [[String: String]]) throws -> [LocalDateTime] {
        try rows.map { try #require(LocalDateTime(record: $0["date"] ?? "")) }
    }

    @Test func newestKeepsExactlyTheNewestCapRows() async throws {
        let (answer, truth) = try await Self.day(Self.configuration(keeps: .newest))
        try #require(truth.count > 2 * Self.cap)
        #expect(try answer.rows() == Array(truth.prefix(Self.cap)))
    }

    @Test func oldestKeepsExactlyTheOldestCapRows() async throws {
        let (answer, truth) = try await Self.day(Self.configuration(keeps: .oldest))
        #expect(try answer.rows() == Array(truth.suffix(Self.cap)))
        let (oldestFirst, _) = try await Self.day(Self.configuration(keeps: .oldest, order: .oldestFirst))
        #expect(try oldestFirst.rows() == Array(truth.suffix(Self.cap).reversed()))
    }

    @Test func arbitraryKeepsTheSameSeededSubsetThatIsNeitherEnd() async throws {
        let (answer, truth) = try await Self.day(Self.configuration(keeps: .arbitrary))
        let rows = try answer.rows()
        #expect(rows.count == Self.cap)
        let kept = Set(rows)
        #expect(kept.isSubset(of: Set(truth)))
        #expect(kept != Set(truth.prefix(Self.cap)))
        #expect(kept != Set(truth.suffix(Self.cap)))
        #expect(rows == truth.filter(kept.contains), "sent newest first")

        let (again, _) = try await Self.day(Self.configuration(keeps: .arbitrary))
        #expect(try again.rows() == rows)
        let (otherSeed, _) = try await Self.day(Self.configuration(keeps: .arbitrary, selectionSeed: 2))
        #expect(Set(try otherSeed.rows()) != kept)
    }

    @Test(arguments: MockCapKeeps.allCases)
    func shuffledIsSortedNeitherWay(keeps: MockCapKeeps) async throws {
        let (answer, truth) = try await Self.day(Self.configuration(keeps: keeps, order: .shuffled))
        let rows = try answer.rows()
        #expect(rows.count == Self.cap)
        #expect(Set(rows).isSubset(of: Set(truth)))
        let times = try Self.times(rows)
        #expect(!zip(times, times.dropFirst()).allSatisfy { $0 >= $1 }, "newest first")
        #expect(!zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "oldest first")
        let (again, _) = try await Self.day(Self.configuration(keeps: keeps, order: .shuffled))
        #expect(try again.rows() == rows, "the same query is shuffled the same way")
    }

    @Test(arguments: [(MockMsgCount.window, true), (.returned, false)])
    func msgCountsTheWindowOrTheRowsSent(msg: MockMsgCount, countsWindow: Bool) async throws {
        let (answer, truth) = try await Self.day(Self.configuration(msg: msg))
        let found = countsWindow ? truth.count : Self.cap
        #expect(try answer.object()["msg"] as? String == "\(found) records were found")
        #expect(try answer.rows().count == Self.cap)
    }

    @Test(arguments: MockCapKeeps.allCases, MockRowOrder.allCases)
    func aWindowUnderTheCapSendsEveryRowWhateverTheSettings(keeps: MockCapKeeps, order: MockRowOrder) async throws {
        for msg in MockMsgCount.allCases {
            let (answer, truth) = try await Self.day(Self.configuration(keeps: keeps, order: order, msg: msg, cap: 60_000))
            let rows = try answer.rows()
            #expect(rows.count == truth.count)
            #expect(Set(rows) == Set(truth))
            #expect(try answer.object()["msg"] as? String == "\(truth.count) records were found")
        }
    }

    @Test func cdr6AndTheRealTimeSnapshotStillAnswerUnderOtherSettings() async throws {
        var configuration = Self.configuration(keeps: .arbitrary, order: .shuffled, msg: .window, cap: 3)
        configuration.dataset = MockDatasetConfiguration()
        let day = Days.busyWeekday(MockDataset(seed: 1, configuration: configuration.dataset), report: ReportCatalog.callsLast10)
        let now = Days.at(day, 11, 30, 0)
        configuration.now = { now }
        try await MockServer.withRunning(configuration) { server in
            // cdr_6's counts are one computed list with no time: cut at its end, in its order.
            let cdr6Day = Days.busyWeekday(server.dataset, report: ReportCatalog.cdr6)
            let counts = server.dataset.records(report: ReportCatalog.cdr6, in: Days.whole(cdr6Day))
            let answer = try await get(
                server.baseURL, reportPath("cdr_6", LocalDateTime.startOf(cdr6Day).compact, LocalDateTime.endOf(cdr6Day).compact))
            #expect(try answer.rows() == MockServerRecordsTests.plain(Array(counts.prefix(3))))
            #expect(try answer.object()["msg"] as? String == "\(counts.count) records were found")

            let snapshot = server.dataset.snapshot(at: now)
            try #require(snapshot.count > 3)
            let live = try await get(server.baseURL, "/api/v2/real_time.php?api=calls_last_10")
            let rows = try live.rows()
            #expect(rows.count == 3)
            #expect(Set(rows).isSubset(of: Set(MockServerRecordsTests.plain(snapshot))))
        }
    }
}
