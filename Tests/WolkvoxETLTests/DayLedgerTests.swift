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

/// A whole day is handed to the landing and stays `landing` until the runner reports how that
/// ended, which may be after later windows arrived (a bucket's days land beside the requests).
struct DayLedgerLandingTests {
    let jan1 = LocalDay(year: 2025, month: 1, day: 1)
    var jan2: LocalDay { jan1.adding(days: 1) }

    @Test func aWholeDayIsHandedOverOnceAndNoLongerAskedFor() {
        var ledger = DayLedger(days: [jan1, jan2])
        #expect(ledger.arrive(Window(days: jan1, through: jan1), segmentIDs: ["a"]).map(\.day) == [jan1])
        #expect(ledger.states[jan1] == .landing)
        #expect(!ledger.isAlive(jan1))
        #expect(ledger.landing == [jan1])
        // A late duplicate of its seconds does not hand it over again.
        #expect(ledger.arrive(Window(days: jan1, through: jan1), segmentIDs: ["b"]).isEmpty)
        ledger.markLanded(jan1)
        #expect(ledger.states[jan1] == .landed)
        #expect(ledger.landing.isEmpty)
        #expect(ledger.states[jan2] == .waiting)
    }

    @Test func aDayBeingLandedFailsOnlyWhenItsLandingFails() {
        var ledger = DayLedger(days: [jan1, jan2])
        _ = ledger.arrive(Window(days: jan1, through: jan1), segmentIDs: ["a"])
        // A window failing over it cannot undo seconds that all arrived.
        #expect(ledger.fail(Window(days: jan1, through: jan2), reason: "HTTP 500") == [jan2])
        #expect(ledger.states[jan1] == .landing)
        let failed = ledger.failLanding(jan1, reason: "upload refused")
        #expect(failed)
        #expect(ledger.states[jan1] == .failed("upload refused"))
        // A landing reported after the day failed does not revive it.
        ledger.markLanded(jan1)
        #expect(ledger.states[jan1] == .failed("upload refused"))
        let again = ledger.failLanding(jan1, reason: "again")
        #expect(!again)
        #expect(ledger.failedDays.map(\.1) == ["upload refused", "HTTP 500"])
    }

    @Test func aLandedDayCannotFailAfterwards() {
        var ledger = DayLedger(days: [jan1])
        _ = ledger.arrive(Window(days: jan1, through: jan1), segmentIDs: ["a"])
        ledger.markLanded(jan1)
        let late = ledger.failLanding(jan1, reason: "late")
        #expect(!late)
        #expect(ledger.states[jan1] == .landed)
    }
}
