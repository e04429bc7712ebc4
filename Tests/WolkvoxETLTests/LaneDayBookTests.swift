import Testing
import WolkvoxAPI
@testable import WolkvoxETL

struct LaneDayBookTests {
    let day = LocalDay(year: 2025, month: 3, day: 1)

    func piece(_ id: String) -> LandingPiece { LandingPiece(window: Window(days: day, through: day), segmentIDs: [id]) }

    @Test func aDayLandsOnlyWhenEveryLaneHasItAndThenWithEveryLanesPiecesInLaneOrder() {
        var book = LaneDayBook(lanes: 3)
        #expect(book.arrive(lane: 2, day: day, pieces: [piece("l2")]) == nil)
        #expect(book.arrive(lane: 0, day: day, pieces: [piece("l0")]) == nil)
        #expect(book.lanesWhole(day) == [0, 2])
        let all = book.arrive(lane: 1, day: day, pieces: [piece("l1a"), piece("l1b")])
        #expect(all?.flatMap(\.segmentIDs) == ["l0", "l1a", "l1b", "l2"])
        #expect(book.lanesWhole(day).isEmpty)
    }

    @Test func oneLaneFailingADayFailsItForAllAndLandsNothingOfIt() {
        var book = LaneDayBook(lanes: 2)
        #expect(book.arrive(lane: 0, day: day, pieces: [piece("l0")]) == nil)
        let failed = book.fail(day, reason: "skill_id=7: HTTP 500")
        let again = book.fail(day, reason: "again")
        #expect(failed)
        #expect(!again, "a day fails once, with its first reason")
        #expect(book.arrive(lane: 1, day: day, pieces: [piece("l1")]) == nil)
        #expect(book.failedDays.map(\.1) == ["skill_id=7: HTTP 500"])
    }

    @Test func oneLaneLandsADayAtOnce() {
        var book = LaneDayBook(lanes: 1)
        #expect(book.arrive(lane: 0, day: day, pieces: [piece("r0-main")])?.flatMap(\.segmentIDs) == ["r0-main"])
    }
}
