import Foundation

/// What the mock has seen since it started, for assertions in tests.
package struct MockStats: Sendable, Hashable {
    /// Every request received, refused ones included.
    package var requests: Int = 0
    /// Requests by their `api=` value (requests without one are not counted here).
    package var requestsByReport: [String: Int] = [:]
    /// Most requests of the accepted token in flight at once (refused ones excluded).
    package var maxInFlight: Int = 0
    /// Requests refused because the token already had `maxConcurrentPerToken` in flight.
    package var refusedBusy: Int = 0
    /// Responses cut at the record cap.
    package var truncated: Int = 0
    /// Windows answered with PHP's execution time limit page (see
    /// `MockConfiguration.executionLimitRows`).
    package var executionLimitHits: Int = 0
    /// Faults injected by `MockConfiguration.faults`, by kind (kinds never injected are absent).
    /// A slow answer that also met another fault counts under both.
    package var faultsInjected: [MockFault: Int] = [:]
    /// Calls counted against the token's quota (see `MockFaults.quotaAfterCalls`).
    package var tokenCalls: Int = 0

    package init() {}

    /// All injected faults, of every kind.
    package var totalFaults: Int { faultsInjected.values.reduce(0, +) }
}

/// The server's mutable state behind one lock: stats and the in-flight count of the token.
final class MockState: @unchecked Sendable {
    private let lock = NSLock()
    private var _stats = MockStats()
    private var inFlight = 0
    private var _baseURL: String?

    var stats: MockStats { lock.withLock { _stats } }
    var baseURL: String? {
        get { lock.withLock { _baseURL } }
        set { lock.withLock { _baseURL = newValue } }
    }

    /// Counts a request and returns its number, from 1 (fault plans are keyed by it).
    func recordRequest(report: String?) -> Int {
        lock.withLock {
            _stats.requests += 1
            if let report { _stats.requestsByReport[report, default: 0] += 1 }
            return _stats.requests
        }
    }

    func recordTruncated() { lock.withLock { _stats.truncated += 1 } }

    func recordExecutionLimitHit() { lock.withLock { _stats.executionLimitHits += 1 } }

    func recordFault(_ fault: MockFault) { lock.withLock { _stats.faultsInjected[fault, default: 0] += 1 } }

    /// Whether the quota is spent. When it is not and `counting`, the call is counted in the same
    /// step, so two simultaneous requests can never both take the last call.
    func quotaSpent(limit: Int?, counting: Bool) -> Bool {
        lock.withLock {
            if let limit, _stats.tokenCalls >= limit { return true }
            if counting { _stats.tokenCalls += 1 }
            return false
        }
    }

    /// Takes one of the token's slots, or nil (counted as refused) when all are taken.
    func acquire(limit: Int) -> Slot? {
        let granted: Bool = lock.withLock {
            guard inFlight < limit else {
                _stats.refusedBusy += 1
                return false
            }
            inFlight += 1
            _stats.maxInFlight = max(_stats.maxInFlight, inFlight)
            return true
        }
        return granted ? Slot(state: self) : nil
    }

    fileprivate func release() { lock.withLock { inFlight -= 1 } }

    /// One request in flight. Released explicitly when its body is written, or when dropped
    /// (the client went away before the body was asked for).
    final class Slot: @unchecked Sendable {
        private let lock = NSLock()
        private var state: MockState?

        fileprivate init(state: MockState) { self.state = state }

        func release() {
            let owner: MockState? = lock.withLock {
                defer { state = nil }
                return state
            }
            owner?.release()
        }

        deinit { release() }
    }
}
