import Synchronization
import Testing
@testable import WolkvoxETL

/// The bounds of a bucket day's publish: uploads at once across the run (`UploadSlots`), and a
/// day's files and deletions a few at once (`concurrentlyForEach`).
struct UploadSlotsTests {
    /// Counts bodies that ran to their end.
    final class Gauge: Sendable {
        private let count = Mutex(0)
        func leave() { count.withLock { $0 += 1 } }
        var done: Int { count.withLock { $0 } }
    }

    struct Refused: Error {}

    static func work(_ gauge: Gauge) async {
        for _ in 0..<20 { await Task.yield() }
        gauge.leave()
    }

    @Test func noMoreHoldSlotsThanThereAreAndWaitersGetThemInTurn() {
        var queue = SlotQueue<String>(slots: 2)
        let granted = ["a", "b", "c", "d"].map { queue.acquire($0) }
        #expect(granted == [true, true, false, false])
        let handedOver = (0..<4).map { _ in queue.release() }
        #expect(handedOver == ["c", "d", nil, nil])
        #expect(queue.free == 2)
        let again = queue.acquire("e")
        #expect(again)
    }

    @Test func uploadsBeyondTheSlotsAllRunOnceSlotsFree() async throws {
        let slots = UploadSlots(limit: 2)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 { group.addTask { try await slots.withSlot { await Self.work(gauge) } } }
            try await group.waitForAll()
        }
        #expect(gauge.done == 12)
    }

    @Test func aFailedUploadGivesItsSlotBack() async throws {
        let slots = UploadSlots(limit: 1)
        await #expect(throws: Refused.self) { try await slots.withSlot { throw Refused() } }
        // With the only slot lost, this would wait for ever.
        let value = try await slots.withSlot { 7 }
        #expect(value == 7)
    }

    @Test func everyElementRunsOnce() async throws {
        let seen = Mutex<[Int]>([])
        try await Array(0..<10).concurrentlyForEach(atMost: 3) { element in seen.withLock { $0.append(element) } }
        #expect(seen.withLock { $0 }.sorted() == Array(0..<10))
    }

    /// One at a time: an element starts only once the one before it ended, so none starts after
    /// the failure.
    @Test func theFirstErrorIsThrownAndNoMoreStart() async throws {
        let started = Mutex<Set<Int>>([])
        await #expect(throws: Refused.self) {
            try await Array(0..<10).concurrentlyForEach(atMost: 1) { element in
                started.withLock { _ = $0.insert(element) }
                if element == 2 { throw Refused() }
            }
        }
        #expect(started.withLock { $0 } == [0, 1, 2])
    }
}
