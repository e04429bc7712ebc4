import Synchronization

/// At most `limit` uploads at once across every day a bucket run publishes (data and rejects).
/// Each upload holds up to a part (8 MiB, briefly twice while it is cut off the stream) in
/// memory, so this, not the number of days landing at once, bounds a run's upload memory.
///
/// A waiter is resumed by the holder that leaves. Waiting ignores cancellation: every holder
/// finishes (its requests time out), and a day's publish is never left between its uploads and
/// its switch.
final class UploadSlots: Sendable {
    private struct State {
        var free: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    let limit: Int
    private let state: Mutex<State>

    init(limit: Int) {
        self.limit = max(1, limit)
        state = Mutex(State(free: self.limit))
    }

    /// Runs `body` holding a slot.
    func withSlot<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                guard state.free == 0 else {
                    state.free -= 1
                    return true
                }
                state.waiting.append(waiter)
                return false
            }
            if now { waiter.resume() }
        }
    }

    /// Hands the slot to the longest waiter, or frees it.
    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
