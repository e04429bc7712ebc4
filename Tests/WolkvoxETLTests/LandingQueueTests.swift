import Testing
import WolkvoxAPI
@testable import WolkvoxETL

struct LandingQueueTests {
    let days = (1...6).map { LocalDay(year: 2025, month: 3, day: $0) }

    func pieces(_ day: LocalDay) -> [LandingPiece] { [LandingPiece(window: Window(days: day, through: day), segmentIDs: ["\(day)"])] }

    @Test func noMoreDaysLandAtOnceThanTheLimitAndTheRestStartInTheOrderTheyBecameWhole() {
        var queue = LandingQueue(limit: 2)
        for day in days.prefix(5) { queue.add(day, pieces: pieces(day)) }
        #expect(queue.start().map(\.day) == Array(days.prefix(2)))
        #expect(queue.start().isEmpty, "both slots are taken")
        queue.finished(days[1])
        #expect(queue.start().map(\.day) == [days[2]])
        queue.finished(days[0])
        queue.finished(days[2])
        #expect(queue.start().map(\.day) == [days[3], days[4]])
    }

    @Test func theRunAsksNothingMoreWhileAWholeDayWaitsForASlot() {
        var queue = LandingQueue(limit: 1)
        #expect(queue.mayAsk && queue.isIdle)
        queue.add(days[0], pieces: pieces(days[0]))
        queue.add(days[1], pieces: pieces(days[1]))
        #expect(!queue.mayAsk)
        _ = queue.start()
        #expect(!queue.mayAsk, "one day still waits")
        queue.finished(days[0])
        #expect(queue.start().map(\.day) == [days[1]])
        #expect(queue.mayAsk, "a day landing does not hold the requests back")
        #expect(!queue.isIdle)
        queue.finished(days[1])
        #expect(queue.isIdle)
    }

    @Test func aLimitBelowOneLandsOneDayAtATime() {
        var queue = LandingQueue(limit: 0)
        queue.add(days[0], pieces: pieces(days[0]))
        queue.add(days[1], pieces: pieces(days[1]))
        #expect(queue.start().count == 1)
    }
}
