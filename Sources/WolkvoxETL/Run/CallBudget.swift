/// Counts the API calls of a run against `max_calls` (each call spends one of the day's quota).
import Synchronization

final class CallBudget: Sendable {
    let limit: Int
    private let counts = Mutex<(used: Int, retries: Int)>((0, 0))

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

    var used: Int { counts.withLock { $0.used } }
    var retries: Int { counts.withLock { $0.retries } }
}
