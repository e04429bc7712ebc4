import Testing
import WolkvoxAPI
@testable import WolkvoxETL

struct FetchScheduleTests {
    let jan1 = LocalDay(year: 2025, month: 1, day: 1)
    let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)

    func schedule(days: Int, density: DensityModel = DensityModel()) -> FetchSchedule {
        FetchSchedule(spans: [Window(days: jan1, through: jan1.adding(days: days - 1))], planner: planner, density: density, cap: 60_000)
    }

    @Test func theRestOfATruncatedWindowJoinsTheOlderPartOfItsChain() throws {
        var s = schedule(days: 62)
        let first = try #require(s.next(slots: 1).first)
        #expect(first.window == Window(days: jan1.adding(days: 31), through: jan1.adding(days: 61)))
        // The response showed rows down to Feb 20 15:00: everything after that second is kept.
        let boundary = LocalDateTime(day: LocalDay(year: 2025, month: 2, day: 20), hour: 15, minute: 0, second: 0)
        s.truncated(first, kept: Window(start: boundary.adding(seconds: 1), end: first.window.end))
        let second = try #require(s.next(slots: 1).first)
        // One window: the rest (up to the boundary second) together with older days, 31 days at most.
        #expect(second.window.end == boundary)
        #expect(second.window.start == .startOf(boundary.day.adding(days: -30)))
        #expect(second.chain == first.chain)
    }

    @Test func theRestOfAWindowUnderCheckIsAskedOnItsOwn() throws {
        var s = schedule(days: 62)
        let first = try #require(s.next(slots: 1).first)
        let boundary = LocalDateTime(day: LocalDay(year: 2025, month: 2, day: 20), hour: 15, minute: 0, second: 0)
        let chain = s.truncated(first, kept: Window(start: boundary.adding(seconds: 1), end: first.window.end), separately: true)
        // Asked first, before the older days of its own chain: the runner waits on this answer.
        let rest = try #require(s.next(slots: 1).first)
        #expect(rest.chain == chain)
        #expect(rest.window == Window(start: first.window.start, end: boundary))
    }

    @Test func everySecondOfTheRangeIsAskedExactlyOnce() throws {
        var s = schedule(days: 100)
        var asked: [Window] = []
        var pending: [FetchSchedule.Request] = []
        var n = 0
        while !s.isFinished {
            pending += s.next(slots: 2 - pending.count)
            let r = pending.removeFirst()
            n += 1
            // Every third answer is cut: keep its newer half.
            if n % 3 == 0, r.window.seconds > 1 {
                let kept = Window(start: r.window.start.adding(seconds: r.window.seconds / 2), end: r.window.end)
                asked.append(kept)
                s.truncated(r, kept: kept)
            } else {
                asked.append(r.window)
                s.arrived(r)
            }
        }
        let sorted = asked.sorted()
        #expect(sorted.first?.start == .startOf(jan1))
        #expect(sorted.last?.end == .endOf(jan1.adding(days: 99)))
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(b.start == a.end.adding(seconds: 1)) }
        #expect(asked.allSatisfy { $0.days.count <= 31 })
    }

    @Test func aFreeSlotTakesTheOlderPartOfALongChain() throws {
        var s = schedule(days: 100)
        let requests = s.next(slots: 2)
        #expect(requests.count == 2)
        #expect(requests[0].chain != requests[1].chain)
        #expect(!requests[0].window.days.contains { requests[1].window.days.contains($0) })
    }

    @Test func aRangeJustOverOneWindowCostsTwoCallsWhateverTheSlots() {
        var s = schedule(days: 36)
        var calls = 0
        while !s.isFinished {
            for r in s.next(slots: 2) {
                calls += 1
                s.arrived(r)
            }
        }
        #expect(calls == 2)
    }

    @Test func aShortRangeIsOneCall() {
        var s = schedule(days: 4)
        #expect(s.next(slots: 2).count == 1)
    }

    @Test func aCappedWindowOutOfOrderIsAskedAgainShorter() throws {
        var s = schedule(days: 31)
        let first = try #require(s.next(slots: 1).first)
        // Everything it showed is in one hour of the last day: the next window is within that day.
        let bucket = jan1.adding(days: 30).daysSinceEpoch * 24 + 12
        s.capped(first, revealed: [bucket: 60_000])
        let second = try #require(s.next(slots: 1).first)
        #expect(second.window.end == first.window.end)
        #expect(second.window.start > first.window.start)
        #expect(second.window.start.day == jan1.adding(days: 30))
    }

    @Test func aCappedWindowThatRevealedTooLittleIsStillHalved() throws {
        var s = schedule(days: 31)
        let first = try #require(s.next(slots: 1).first)
        s.capped(first, revealed: [:])
        let second = try #require(s.next(slots: 1).first)
        #expect(second.window.seconds <= first.window.seconds / 2 + 1)
    }

    @Test func aSecondThatHoldsTheCapIsLeftOutAndTheRestAsked() throws {
        var s = schedule(days: 3)
        let first = try #require(s.next(slots: 1).first)
        let second = LocalDateTime(day: jan1.adding(days: 1), hour: 8, minute: 0, second: 0)
        s.excluding(first, second: second)
        var asked: [Window] = []
        while !s.isFinished {
            for r in s.next(slots: 2) {
                asked.append(r.window)
                s.arrived(r)
            }
        }
        #expect(asked.sorted().map(\.description) == [
            Window(start: .startOf(jan1), end: second.adding(seconds: -1)).description,
            Window(start: second.adding(seconds: 1), end: .endOf(jan1.adding(days: 2))).description,
        ])
    }

    @Test func windowsOfDaysGivenUpOnAreNotAsked() {
        var s = schedule(days: 10)
        #expect(s.next(slots: 2) { _ in false }.isEmpty)
        #expect(s.isFinished)
    }
}

struct CallEstimateTests {
    let planner = WindowPlanner(report: ReportCatalog.cdr1, maxDaysPerRequest: 31)
    let march = LocalDay(year: 2025, month: 3, day: 1)

    @Test func withoutDensityEachWindowCostsOneCall() {
        let estimate = CallEstimate.simulate(
            spans: [Window(days: march, through: march.adding(days: 89))], planner: planner, density: DensityModel(),
            cap: 60_000, concurrency: 2)
        #expect(estimate.calls == 3 || estimate.calls == 4)
        #expect(estimate.windows.map(\.seconds).reduce(0, +) == 90 * 86_400)
    }

    @Test func aMonthWithAHeavyDayAndHourCostsItsLowerBound() {
        // 2,000 rows a day, a 148,000-row day and a 72,000-row hour: 280,000 rows, at least 5 calls.
        let days = (0..<31).map { march.adding(days: $0) }
        var state = TestState.landed(days: days, perHour: 2_000 / 24)
        state.landed[days[13].description]!.hours = Array(repeating: 148_000 / 24, count: 24)
        state.landed[days[19].description]!.hours![10] = 72_000
        let density = DensityModel(state: state)
        let total = density.rows(in: Window(days: days[0], through: days[30]))!
        let lowerBound = Int((total / 60_000).rounded(.up))
        let estimate = CallEstimate.simulate(
            spans: [Window(days: days[0], through: days[30])], planner: planner, density: density, cap: 60_000, concurrency: 2)
        #expect(Double(estimate.calls) <= 1.15 * Double(lowerBound))
        #expect(estimate.windows.allSatisfy { (density.rows(in: $0) ?? 0) < 60_000 })
    }
}
