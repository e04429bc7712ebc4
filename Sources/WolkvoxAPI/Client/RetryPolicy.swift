/// How often and how patiently a failed request is tried again: exponential backoff with full
/// jitter, never sooner than the server's `Retry-After`.
///
/// A pure value: it computes delays and never sleeps. The caller performs the retries, because
/// a retried window's partial rows must be discarded first.
package struct RetryPolicy: Sendable, Hashable {
    /// Tries in all, the first one included (1 means no retry).
    package var attempts: Int
    /// The ceiling of the first pause; each later pause's ceiling doubles.
    package var baseDelay: Duration
    /// No pause is longer, whatever the backoff or `Retry-After` says.
    package var maxDelay: Duration

    package init(attempts: Int = 6, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60)) {
        self.attempts = max(1, attempts)
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(.zero, maxDelay)
    }

    /// Whether another try is allowed once try number `attempt` (1-based) has failed.
    package func allowsRetry(afterAttempt attempt: Int) -> Bool { attempt < attempts }

    /// The pause after try number `attempt` (1-based) failed.
    ///
    /// `random * min(maxDelay, baseDelay * 2^(attempt-1))`, raised to `retryAfter` when the server
    /// asked for longer, and capped at `maxDelay`.
    /// - Parameters:
    ///   - attempt: the try that just failed, from 1.
    ///   - retryAfter: the server's `Retry-After`, if any.
    ///   - random: a value in `0..<1` (clamped), the jitter.
    package func delay(forAttempt attempt: Int, retryAfter: Duration? = nil, random: Double) -> Duration {
        let base = Self.seconds(baseDelay)
        let cap = Self.seconds(maxDelay)
        // 2^62 overflows nothing in Double and already exceeds any sensible cap.
        let doubling = Double(sign: .plus, exponent: min(max(attempt, 1) - 1, 62), significand: 1)
        let ceiling = min(cap, base * doubling)
        let jitter = random.isNaN ? 0 : min(max(random, 0), 1)
        var chosen = ceiling * jitter
        if let retryAfter { chosen = max(chosen, Self.seconds(retryAfter)) }
        chosen = min(chosen, cap)
        return chosen >= cap ? maxDelay : .seconds(chosen)
    }

    /// The pause after try number `attempt` failed, with jitter from `generator`.
    package func delay(
        forAttempt attempt: Int, retryAfter: Duration? = nil, using generator: inout some RandomNumberGenerator
    ) -> Duration {
        delay(forAttempt: attempt, retryAfter: retryAfter, random: Double.random(in: 0..<1, using: &generator))
    }

    /// The pause after try number `attempt` failed, with system randomness.
    package func delay(forAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(forAttempt: attempt, retryAfter: retryAfter, using: &generator)
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
