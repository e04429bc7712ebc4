import Synchronization

/// At most `limit` uploads at once across every day a bucket run publishes (data and rejects).
/// Each upload reads its bodies from the staged file as it sends them (about a megabyte in
/// memory), so this, not the number of days landing at once, bounds a run's connections and
/// upload memory.
///
/// A waiter is resumed by the holder that leaves (`SlotQueue` decides who). Waiting ignores
/// cancellation: every holder finishes (its requests time out), and a day's publish is never
/// left between its uploads and its switch.
final class UploadSlots: Sendable {
    let limit: Int
    private let queue: Mutex<SlotQueue<CheckedContinuation<Void, Never>>>

    init(limit: Int) {
        self.limit = max(1, limit)
        queue = Mutex(SlotQueue(slots: self.limit))
    }

    /// Runs `body` holding a slot.
    func withSlot<T>(_ body: () async throws -> T) async throws -> T {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            if queue.withLock({ $0.acquire(waiter) }) { waiter.resume() }
        }
        defer { queue.withLock { $0.release() }?.resume() }
        return try await body()
    }
}

/// Who holds one of a few slots and who waits for one, in the order they asked.
///
/// - Important: Pure state: `UploadSlots` keeps it under a lock and resumes the waiters it names.
struct SlotQueue<Waiter> {
    private(set) var free: Int
    private(set) var waiting: [Waiter] = []

    init(slots: Int) { free = max(1, slots) }

    /// Asks a slot for `waiter`. - Returns: true when it holds one now; false when it waits, and
    /// a `release()` will name it.
    mutating func acquire(_ waiter: Waiter) -> Bool {
        guard free > 0 else {
            waiting.append(waiter)
            return false
        }
        free -= 1
        return true
    }

    /// A holder leaves. - Returns: the waiter that now holds its slot, or nil when the slot is free.
    mutating func release() -> Waiter? {
        guard waiting.isEmpty else { return waiting.removeFirst() }
        free += 1
        return nil
    }
}
