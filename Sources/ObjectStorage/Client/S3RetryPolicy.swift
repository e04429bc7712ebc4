/// When to ask again after a retryable failure (`SlowDown`, 5xx, no answer): exponential
/// backoff with full jitter, a fixed number of attempts.
package struct S3RetryPolicy: Sendable, Hashable {
    package var attempts: Int
    package var baseDelay: Duration
    package var maxDelay: Duration

    package init(attempts: Int = 5, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(20)) {
        self.attempts = max(1, attempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The pause before attempt `attempt + 1` (attempt counts from 1), or nil when the error is
    /// not retryable or the attempts are spent. `unit` in 0..<1 is the jitter's draw.
    package func delay(after attempt: Int, error: S3Error, unit: Double) -> Duration? {
        guard error.code.isRetryable, attempt < attempts else { return nil }
        let ceiling = min(maxDelay, baseDelay * (1 << min(attempt - 1, 20)))
        return ceiling * max(0.1, min(unit, 1))
    }
}
