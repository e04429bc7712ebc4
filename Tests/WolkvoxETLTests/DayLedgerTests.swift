import Testing
import WolkvoxAPI
@testable import WolkvoxETL

struct DayLedgerTests {
    let jan1 = LocalDay(year: 2025, month: 1, day: 1)

    @Test func aDayIsReadyOnlyWhenEverySecondOfItArrived() {
        let morning = Window(start: .startOf(jan1), end: .init(day: jan1, secondOfDay: 43_199))
        let evening = Window(start: .init(day: jan1, secondOfDay: 43_200), end: .endOf(jan1))
        var ledger = DayLedger(days: [jan1])
        #expect(ledger.arrive(evening, segmentIDs: ["b"]).isEmpty)
        let ready = ledger.arrive(morning, segmentIDs: ["a"])
        #expect(ready.count == 1)
        #expect(ready.first?.pieces.map(\.window) == [morning, evening])
        #expect(ready.first?.pieces.map(\.segmentIDs) == [["a"], ["b"]])
    }

    @Test func aWindowAcrossDaysCompletesEachDayItFinishes() {
        let jan2 = jan1.adding(days: 1)
        var ledger = DayLedger(days: [jan1, jan2])
        // [jan1 12:00, jan2 23:59:59] finishes jan2 only; the morning of jan1 finishes jan1.
        let late = Window(start: .init(day: jan1, secondOfDay: 43_200), end: .endOf(jan2))
        #expect(ledger.arrive(late, segmentIDs: ["late"]).map(\.day) == [jan2])
        let early = Window(start: .startOf(jan1), end: .init(day: jan1, secondOfDay: 43_199))
        #expect(ledger.arrive(early, segmentIDs: ["early"]).map(\.day) == [jan1])
    }

    @Test func daysOutsideTheRunAreIgnored() {
        var ledger = DayLedger(days: [jan1])
        #expect(ledger.arrive(Window(days: jan1.adding(days: -1), through: jan1), segmentIDs: ["w"]).map(\.day) == [jan1])
    }

    @Test func aFailedWindowFailsOnlyTheDaysItCovers() {
        let jan2 = jan1.adding(days: 1)
        let w1 = Window(days: jan1, through: jan1)
        let w2 = Window(days: jan2, through: jan2)
        var ledger = DayLedger(days: [jan1, jan2])
        #expect(ledger.fail(w1, reason: "HTTP 500") == [jan1])
        #expect(ledger.arrive(w1, segmentIDs: ["1"]).isEmpty)
        #expect(ledger.arrive(w2, segmentIDs: ["2"]).map(\.day) == [jan2])
        #expect(ledger.failedDays.map(\.0) == [jan1])
    }
}
