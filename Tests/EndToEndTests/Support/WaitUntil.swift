/// A wait that gave up: names what it waited for, so the test fails with the reason rather than
/// later with an unrelated message.
struct WaitTimedOut: Error, CustomStringConvertible {
    var what: String
    var timeout: Duration
    var description: String { "gave up after \(timeout) waiting until \(what)" }
}

/// Checks `condition` every `interval` until it holds; throws `WaitTimedOut` if `timeout`
/// passes first. For events the tests can only observe from outside (a child process's files,
/// the mock's counters).
func waitUntil(_ what: String, timeout: Duration = .seconds(10), interval: Duration = .milliseconds(10),
               _ condition: () async throws -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while try await !condition() {
        guard clock.now < deadline else { throw WaitTimedOut(what: what, timeout: timeout) }
        try await Task.sleep(for: interval)
    }
}
