/// Runs `body` to its end even when the calling task is cancelled, and waits for it.
///
/// SIGINT and SIGTERM cancel the run (`cancellingOnSignals`), and async-http-client ends every
/// request made in a cancelled task. What must still finish after a signal (a whole day's
/// publish into a bucket, the last state save, the run report) runs here: in a task that does
/// not inherit the cancellation, awaited at once, so it never outlives its caller.
func uncancelled<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await Task { try await body() }.value
}
