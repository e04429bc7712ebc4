/// Counts the API calls of a run against `max_calls` (each call spends one of the day's quota).
import Synchronization

final class CallBudget: Sendable {
    let limit: Int
    private let counts = Mutex<Counts>(Counts())

    private struct Counts {
        var used = 0
        var retries = 0
        var received = 0
        var answers = 0
        var notFound = 0
    }

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
    /// - Parameter notFound: the answer was a 404 "no records", which is also how a server
    ///   answers for a report it has not enabled.
    func noteAnswer(records: Int, notFound: Bool) {
        counts.withLock { counts in
            counts.received += records
            counts.answers += 1
            if notFound { counts.notFound += 1 }
        }
    }

    var used: Int { counts.withLock { $0.used } }
    var retries: Int { counts.withLock { $0.retries } }
    var received: Int { counts.withLock { $0.received } }
    var answers: Int { counts.withLock { $0.answers } }
    var notFoundAnswers: Int { counts.withLock { $0.notFound } }
}
