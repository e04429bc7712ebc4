import Testing
import WolkvoxAPI
@testable import WolkvoxETL

struct WindowPlannerTests {
    let jan1 = LocalDay(year: 2025, month: 1, day: 1)

    @Test func wholeDaysUpToTheMaximumCoverTheRangeWithoutOverlap() {
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        let last = jan1.adding(days: 89)
        let windows = planner.windows(from: jan1, through: last)
        #expect(windows.count == 3)
        #expect(windows.first?.start == .startOf(jan1))
        #expect(windows.last?.end == .endOf(last))
        for (a, b) in zip(windows, windows.dropFirst()) {
            #expect(b.start.naiveSeconds == a.end.naiveSeconds + 1)
        }
        #expect(windows.allSatisfy { $0.days.count <= 31 })
        #expect(windows.map(\.seconds).reduce(0, +) == 90 * 86_400)
    }

    @Test(arguments: [1, 7, 31])
    func windowsNeverExceedMaxDays(maxDays: Int) {
        let planner = WindowPlanner(report: ReportCatalog.chat4, maxDaysPerRequest: maxDays)
        let windows = planner.windows(from: jan1, through: jan1.adding(days: 100))
        #expect(windows.allSatisfy { $0.days.count <= maxDays })
        #expect(windows.flatMap(\.days) == (0...100).map { jan1.adding(days: $0) })
    }

    @Test func reportsWithoutDatesGetOneWindowPerDay() {
        let planner = WindowPlanner(report: ReportCatalog.cdr6, maxDaysPerRequest: 31)
        let windows = planner.windows(from: jan1, through: jan1.adding(days: 9))
        #expect(windows.count == 10)
        #expect(windows.allSatisfy { $0.days.count == 1 && $0.seconds == 86_400 })
    }

    @Test func resumedDaysArePlannedAsRunsOfConsecutiveDays() {
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        let days = [0, 1, 2, 5, 6, 9].map { jan1.adding(days: $0) }
        let windows = planner.windows(for: days)
        #expect(windows.map { $0.days.count } == [3, 2, 1])
        #expect(windows.flatMap(\.days) == days)
    }

    @Test func aMultiDayWindowAtTheCapSplitsAtDayBoundaries() throws {
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        let window = Window(days: jan1, through: jan1.adding(days: 30))
        let pieces = try #require(planner.split(window, rowsSeen: 60_000, cap: 60_000))
        #expect(pieces.count == 2)
        #expect(pieces.allSatisfy { $0.start.secondOfDay == 0 && $0.end.secondOfDay == 86_399 })
        #expect(pieces.flatMap(\.days) == window.days)
    }

    @Test func aOneDayWindowAtTheCapSplitsIntoContiguousPiecesOfTheDay() throws {
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        let window = Window(days: jan1, through: jan1)
        let pieces = try #require(planner.split(window, rowsSeen: 60_000, cap: 60_000))
        #expect(pieces.count >= 2)
        #expect(pieces.first?.start == window.start)
        #expect(pieces.last?.end == window.end)
        for (a, b) in zip(pieces, pieces.dropFirst()) {
            #expect(b.start.naiveSeconds == a.end.naiveSeconds + 1)
        }
        #expect(pieces.map(\.seconds).reduce(0, +) == 86_400)
    }

    @Test func aOneSecondWindowCannotBeSplit() {
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        let t = LocalDateTime.startOf(jan1)
        #expect(planner.split(Window(start: t, end: t), rowsSeen: 60_000, cap: 60_000) == nil)
    }
}

struct DayLedgerTests {
    let jan1 = LocalDay(year: 2025, month: 1, day: 1)

    @Test func aDayIsReadyOnlyWhenEveryWindowCoveringItArrived() {
        let morning = Window(start: .startOf(jan1), end: .init(day: jan1, secondOfDay: 43_199))
        let evening = Window(start: .init(day: jan1, secondOfDay: 43_200), end: .endOf(jan1))
        var ledger = DayLedger(days: [jan1], windows: [morning, evening])
        #expect(ledger.complete(evening).isEmpty)
        let ready = ledger.complete(morning)
        #expect(ready.count == 1)
        #expect(ready.first?.windows == [morning, evening])
    }

    @Test func replacingAWindowAtTheCapWaitsForItsPieces() {
        let day = Window(days: jan1, through: jan1)
        var ledger = DayLedger(days: [jan1], windows: [day])
        let pieces = day.split(into: 3)
        ledger.replace(day, with: pieces)
        #expect(ledger.complete(pieces[0]).isEmpty)
        #expect(ledger.complete(pieces[2]).isEmpty)
        #expect(ledger.complete(pieces[1]).first?.windows == pieces)
    }

    @Test func aFailedWindowFailsOnlyTheDaysItCovers() {
        let jan2 = jan1.adding(days: 1)
        let w1 = Window(days: jan1, through: jan1)
        let w2 = Window(days: jan2, through: jan2)
        var ledger = DayLedger(days: [jan1, jan2], windows: [w1, w2])
        #expect(ledger.fail(w1, reason: "HTTP 500") == [jan1])
        #expect(ledger.complete(w1).isEmpty)
        #expect(ledger.complete(w2).map(\.day) == [jan2])
        #expect(ledger.failedDays.map(\.0) == [jan1])
    }
}

struct CallEstimateTests {
    let jan1 = LocalDay(year: 2025, month: 1, day: 1)

    @Test func withoutKnownDensityEachWindowCostsOneCall() {
        let windows = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31).windows(from: jan1, through: jan1.adding(days: 89))
        #expect(CallEstimate.calls(windows: windows, rowsByDay: [:], cap: 60_000) == 3)
    }

    @Test func aKnownHeavyDayCostsTheSplitsTheRunnerWillMake() {
        let window = Window(days: jan1, through: jan1.adding(days: 3))
        var rows: [String: Int] = [:]
        for d in 0..<4 { rows[jan1.adding(days: d).description] = 1_000 }
        rows[jan1.adding(days: 3).description] = 75_000
        // [1..4] capped -> [1..2] (1 call) + [3..4] capped -> [3] (1) + [4] capped -> 2 halves of 37,500.
        #expect(CallEstimate.calls(windows: [window], rowsByDay: rows, cap: 60_000) == 1 + 1 + 1 + 1 + (1 + 2))
    }

    @Test func aLightRangeStaysOneCallPerWindow() {
        let window = Window(days: jan1, through: jan1.adding(days: 30))
        let rows = Dictionary(uniqueKeysWithValues: (0..<31).map { (jan1.adding(days: $0).description, 1_500) })
        #expect(CallEstimate.calls(windows: [window], rowsByDay: rows, cap: 60_000) == 1)
    }
}
