/// Counts the API calls of a run against `max_calls` (each call spends one of the day's quota).
import Synchronization

final class CallBudget: Sendable {
    let limit: Int
    private let counts = Mutex<(used: Int, retries: Int, received: Int)>((0, 0, 0))

    init(limit: Int) { self.limit = limit }

    /// Takes one call from the budget; false when it is spent.
    func take() -> Bool {
        counts.withLock { counts in
            guard counts.used < limit else { return false }
            counts.used += 1
            return true
        }
    }

    func noteRetry() { counts.withLock { $0.retries += 1 } }

    /// Records an answer brought, whether they landed or not: the cost of answers cut at the cap.
    func noteReceived(_ records: Int) { counts.withLock { $0.received += records } }

    var used: Int { counts.withLock { $0.used } }
    var retries: Int { counts.withLock { $0.retries } }
    var received: Int { counts.withLock { $0.received } }
}
