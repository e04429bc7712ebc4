import Testing
import WolkvoxAPI
@testable import WolkvoxMock

/// The API's decisions without sockets.
struct MockRulesTests {
    static let now = LocalDateTime(day: LocalDay(year: 2025, month: 2, day: 4), hour: 10, minute: 0, second: 0)

    func answer(_ path: String, _ query: [String: String], maxDays: Int = 31) -> MockRules.Answer? {
        MockRules.answer(path: path, query: { query[$0] }, maxDaysPerQuery: maxDays, now: { Self.now })
    }

    @Test(arguments: [(String?.none, 401), ("", 401), ("wrong", 403)])
    func refusedTokens(token: String?, status: Int) throws {
        let refusal = try #require(MockRules.authorize(token: token, expected: "mock-token"))
        guard case .error(let code, _) = refusal else { Issue.record("not an error"); return }
        #expect(code == status)
    }

    @Test func acceptedToken() {
        #expect(MockRules.authorize(token: "mock-token", expected: "mock-token") == nil)
    }

    @Test func aWholeDayIsItsInclusiveWindow() {
        let answer = answer(MockRules.reportsPath, ["api": "cdr_1", "date_ini": "20250102000000", "date_end": "20250102235959"])
        #expect(answer == .records(report: ReportCatalog.cdr1, window: Window(days: LocalDay(year: 2025, month: 1, day: 2), through: LocalDay(year: 2025, month: 1, day: 2))))
    }

    @Test func realTimeAsksForTheLastTenMinutes() {
        let answer = answer(MockRules.realTimePath, ["api": "calls_last_10"])
        #expect(answer == .records(report: ReportCatalog.callsLast10, window: Window(start: Self.now.adding(seconds: -600), end: Self.now)))
    }

    @Test(arguments: [(1, false), (2, true)])
    func dayLimitCountsCalendarDaysTouched(maxDays: Int, allowed: Bool) {
        let answer = answer(MockRules.reportsPath, ["api": "cdr_1", "date_ini": "20250102230000", "date_end": "20250103010000"], maxDays: maxDays)
        var served = false
        if case .records = answer { served = true }
        #expect(served == allowed)
    }

    @Test func unknownPathHasNoAPIAnswer() {
        #expect(answer("/api/v2/other.php", ["api": "cdr_1"]) == nil)
    }
}
