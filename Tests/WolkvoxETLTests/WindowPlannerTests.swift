import Testing
import WolkvoxAPI
@testable import WolkvoxETL

struct WindowPlannerTests {
    let jan1 = LocalDay(year: 2025, month: 1, day: 1)

    @Test func withoutDensityTheNewestWindowTakesTheWidestSpanTheAPIAllows() {
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        let span = Window(days: jan1, through: jan1.adding(days: 89))
        let window = planner.nextWindow(in: span, density: DensityModel(), cap: 60_000)
        #expect(window.end == span.end)
        #expect(window.days.count == 31)
        #expect(window.start == .startOf(jan1.adding(days: 59)))
    }

    @Test(arguments: [1, 7, 31])
    func windowsNeverTouchMoreDaysThanAllowed(maxDays: Int) {
        let planner = WindowPlanner(report: ReportCatalog.chat4, maxDaysPerRequest: maxDays)
        let span = Window(start: .init(day: jan1, secondOfDay: 5_000), end: .init(day: jan1.adding(days: 100), secondOfDay: 7))
        let window = planner.nextWindow(in: span, density: DensityModel(), cap: 60_000)
        #expect(window.days.count == maxDays)
        #expect(window.end == span.end)
    }

    @Test func reportsWithoutDatesGetOneDayAtATime() {
        let planner = WindowPlanner(report: ReportCatalog.cdr6, maxDaysPerRequest: 31)
        let window = planner.nextWindow(in: Window(days: jan1, through: jan1.adding(days: 9)), density: DensityModel(), cap: 60_000)
        #expect(window == Window(days: jan1.adding(days: 9), through: jan1.adding(days: 9)))
    }

    @Test func resumedDaysArePlannedAsSpansOfConsecutiveDays() {
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        let days = [0, 1, 2, 5, 6, 9].map { jan1.adding(days: $0) }
        let spans = planner.spans(for: days)
        #expect(spans.map { $0.days.count } == [3, 2, 1])
        #expect(spans.flatMap(\.days) == days)
        #expect(spans.allSatisfy { $0.start.secondOfDay == 0 && $0.end.secondOfDay == 86_399 })
    }

    @Test func aKnownDensitySizesTheWindowJustUnderTheCap() {
        // 2,400 rows a day, 100 an hour: 0.95 x 60,000 = 57,000 rows = 570 hours = 23.75 days.
        let state = TestState.landed(days: (0..<60).map { jan1.adding(days: $0) }, perHour: 100)
        let density = DensityModel(state: state)
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        let span = Window(days: jan1, through: jan1.adding(days: 59))
        let window = planner.nextWindow(in: span, density: density, cap: 60_000)
        let rows = try! #require(density.rows(in: window))
        #expect(rows <= 57_000 && rows > 56_900)
        #expect(window.end == span.end)
    }

    @Test func aHeavyHourIsCutWithinTheHour() throws {
        var state = TestState.landed(days: [jan1], perHour: 10)
        state.landed[jan1.description]!.hours![10] = 120_000
        let density = DensityModel(state: state)
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        // The span ends inside the heavy hour: the window is a part of that hour.
        let span = Window(start: .startOf(jan1), end: .init(day: jan1, hour: 10, minute: 59, second: 59))
        let window = planner.nextWindow(in: span, density: density, cap: 60_000)
        #expect(window.start.hour == 10)
        let rows = try #require(density.rows(in: window))
        #expect(rows <= 57_000 && rows > 56_000)
    }

    @Test func aSpanIsSharedWhereTheNewerPartHoldsWholeWindows() throws {
        // 10 days of 24,000 rows: 240,000 rows = 5 windows of 57,000 (the last thinner).
        let state = TestState.landed(days: (0..<10).map { jan1.adding(days: $0) }, perHour: 1_000)
        let density = DensityModel(state: state)
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        let span = Window(days: jan1, through: jan1.adding(days: 9))
        let mid = try #require(planner.midpoint(of: span, density: density, cap: 60_000))
        let newer = try #require(density.rows(in: Window(start: mid, end: span.end)))
        #expect(abs(newer - 2 * 57_000) < 1)
        #expect(planner.midpoint(of: Window(days: jan1, through: jan1), density: density, cap: 60_000) == nil)
    }

    @Test func withoutDensityASpanIsSharedAfterItsNewestWindowOfDays() throws {
        let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
        let mid = try #require(planner.midpoint(of: Window(days: jan1, through: jan1.adding(days: 99)), density: DensityModel(), cap: 60_000))
        #expect(mid == .startOf(jan1.adding(days: 69)))
        // 31 days or fewer are one window anyway: sharing them would cost a call.
        #expect(planner.midpoint(of: Window(days: jan1, through: jan1.adding(days: 30)), density: DensityModel(), cap: 60_000) == nil)
        let daily = WindowPlanner(report: ReportCatalog.cdr6, maxDaysPerRequest: 31)
        #expect(daily.midpoint(of: Window(days: jan1, through: jan1.adding(days: 9)), density: DensityModel(), cap: 60_000) == .startOf(jan1.adding(days: 5)))
    }
}

/// States as earlier runs would have left them.
enum TestState {
    static func landed(days: [LocalDay], perHour: Int) -> PipelineState {
        var state = PipelineState(pipeline: "p", report: "cdr_1")
        for day in days {
            state.landed[day.description] = .init(
                rows: perHour * 24, rejects: 0, runID: "r", landedAt: "t", contentDigest: "d",
                hours: Array(repeating: perHour, count: 24))
        }
        return state
    }
}
