import Synchronization
import Testing
@testable import WolkvoxETL

/// The bounds of a bucket day's publish: uploads at once across the run (`UploadSlots`), and a
/// day's files and deletions a few at once (`concurrentlyForEach`).
struct UploadSlotsTests {
    /// Counts bodies running at once and the most seen.
    final class Gauge: Sendable {
        private let counts = Mutex((now: 0, most: 0, done: 0))
        func enter() { counts.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
        func leave() { counts.withLock { $0.now -= 1; $0.done += 1 } }
        var most: Int { counts.withLock { $0.most } }
        var done: Int { counts.withLock { $0.done } }
    }

    struct Refused: Error {}

    static func work(_ gauge: Gauge) async {
        gauge.enter()
        for _ in 0..<20 { await Task.yield() }
        gauge.leave()
    }

    @Test func noMoreUploadsRunAtOnceThanTheSlots() async throws {
        let slots = UploadSlots(limit: 2)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 { group.addTask { try await slots.withSlot { await Self.work(gauge) } } }
            try await group.waitForAll()
        }
        #expect(gauge.done == 12)
        #expect(gauge.most <= 2)
    }

    @Test func aFailedUploadGivesItsSlotBack() async throws {
        let slots = UploadSlots(limit: 1)
        await #expect(throws: Refused.self) { try await slots.withSlot { throw Refused() } }
        // With the only slot lost, this would wait for ever.
        let value = try await slots.withSlot { 7 }
        #expect(value == 7)
    }

    @Test func everyElementRunsWithinTheWidth() async throws {
        let gauge = Gauge()
        try await Array(0..<10).concurrentlyForEach(atMost: 3) { _ in await Self.work(gauge) }
        #expect(gauge.done == 10)
        #expect(gauge.most <= 3)
    }

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
