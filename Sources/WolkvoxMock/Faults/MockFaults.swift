/// Misbehaviour the mock injects on purpose, so clients can be tested against every fault the
/// real API and network throw. All rates are probabilities per request in `0...1`; all default
/// to zero, so a default `MockFaults` injects nothing.
///
/// Whether request number `n` (every request the server receives counts, from 1, in arrival
/// order) gets a fault depends only on `(seed, n)`: a client that sends its requests one after
/// another meets the same faults on every run. Each fault rolls on its own, so raising one rate
/// never moves another fault to different requests. When several hit the same request, the
/// refusals win in the order maintenance, busy, server error; of the body faults, drop, then
/// truncated, then garbled. A slow answer combines with any of them.
///
/// The token's auth check and the real concurrency gate come first: a wrong token is always
/// refused with 403 `PLEASE VALIDATE TOKEN`, a third simultaneous request always gets the busy
/// 403. Unknown paths get the web server's 404 page and never a fault.
package struct MockFaults: Sendable, Hashable {
    /// Picks which requests misbehave; independent of `MockConfiguration.seed` (the data).
    package var seed: UInt64 = 1

    /// HTTP 500 with a web server's HTML error page (`text/html`), as when PHP crashes.
    package var serverErrorRate: Double = 0

    /// A 200 whose connection is closed after the head and about half the rows (the bytes up to
    /// there are flushed): no terminating chunk, the body is cut mid-stream, like a reset on a
    /// large pull. Applies to answers with records only.
    package var dropMidBodyRate: Double = 0

    /// Answers held for `slowDelay`, before the head or after about half of a 200's rows
    /// (`slowPlacement`). The request keeps its concurrency slot while it stalls, as a real
    /// server keeps working a request whose client gave up.
    package var slowRate: Double = 0
    /// How long a slow answer stalls; make it longer than the client's timeout under test.
    package var slowDelay: Duration = .seconds(90)
    package var slowPlacement: SlowPlacement = .either

    /// A complete 200 body (the HTTP framing ends properly) whose JSON stops in the middle of a
    /// record about half way through. Applies to answers with records only.
    package var truncatedJSONRate: Double = 0
    /// A complete 200 body with junk about half way through: a PHP warning in HTML or stray
    /// brackets, chosen per request. Applies to answers with records only.
    package var garbledJSONRate: Double = 0

    /// The documented 403 `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (N)` although the
    /// token is not busy (the API counts requests a client already considers finished).
    package var busyRate: Double = 0

    /// 403 while the server is under maintenance, with the body `maintenancePage` says.
    package var maintenanceRate: Double = 0
    /// Request numbers (from 1, every request counted) answered with maintenance: a window.
    package var maintenanceRequests: ClosedRange<Int>? = nil
    package var maintenancePage: MaintenancePage = .html

    /// The token's daily quota: after this many calls, every request (including the ones that
    /// would have met another fault) answers 403 `TOKEN LIMIT EXCEEDED`. A call is a request with
    /// the accepted token that got past the concurrency gate and the injected refusals and so
    /// reached the API's rules: its answer is a 200 (faulty body or not), a 404 or a 400.
    /// `MockStats.tokenCalls` counts them. nil: no quota.
    package var quotaAfterCalls: Int? = nil

    /// Queries answered 500 every time (a parameter value failing a day), after the rules
    /// accepted them: a call, as `quotaAfterCalls` counts.
    package var failingQueries: [FailingQuery] = []

    /// When set, busy (real or injected), maintenance and 500 answers carry `Retry-After: N`.
    package var retryAfterSeconds: Int? = nil

    /// Where a slow answer stalls.
    package enum SlowPlacement: String, Sendable, Hashable, CaseIterable {
        /// Nothing is sent until the delay is over: a client's connect/first-byte timeout fires.
        case beforeHead
        /// The head and about half the rows are sent, then nothing: an idle or total timeout fires.
        /// Answers without records stall before the head instead.
        case midBody
        /// Each slow request picks one of the two, by the seed.
        case either
    }

    /// The body of a maintenance 403 (nothing documents the real one; both forms are plausible
    /// and a client must retry either).
    package enum MaintenancePage: String, Sendable, Hashable, CaseIterable {
        /// `text/html`: a page titled "Service under maintenance", as a web server's
        /// maintenance mode serves it.
        case html
        /// The API's JSON envelope:
        /// `{"code": "403", "error": "Forbidden", "msg": "SERVER UNDER MAINTENANCE, PLEASE TRY AGAIN LATER"}`.
        case json
    }

    package init() {}

    /// True when any fault can happen.
    package var isEnabled: Bool {
        let rates = [serverErrorRate, dropMidBodyRate, slowRate, truncatedJSONRate, garbledJSONRate, busyRate, maintenanceRate]
        return rates.contains { $0 > 0 } || maintenanceRequests != nil || quotaAfterCalls != nil || !failingQueries.isEmpty
    }
}

/// A kind of injected fault, as counted in `MockStats.faultsInjected`.
package enum MockFault: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case serverError, dropMidBody, slow, truncatedJSON, garbledJSON, busy, maintenance, quotaExceeded

    package var description: String { rawValue }
}
