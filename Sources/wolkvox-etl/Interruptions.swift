import Foundation
import UnixSignals

/// Runs `body` so that SIGINT or SIGTERM cancels it: the runner then stops asking the API, lands
/// the days that are already whole, saves its state and returns. A second signal exits at once
/// (the state file and the atomic day swaps keep that safe too).
///
/// `body` runs in a task of its own rather than a child, so that the first signal cancels it
/// alone while this function goes on listening for a second.
func cancellingOnSignals<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
    let task = Task { try await body() }
    let listener = Task {
        var received = 0
        for await signal in signals {
            received += 1
            if received > 1 {
                FileHandle.standardError.write(Data("second signal: exiting now; run again to resume\n".utf8))
                exit(128 + signal.rawValue)
            }
            FileHandle.standardError.write(
                Data("signal \(signal.rawValue): stopping after the days already fetched land (again to quit now)\n".utf8))
            task.cancel()
        }
    }
    defer { listener.cancel() }
    return try await withTaskCancellationHandler {
        try await task.value
    } onCancel: {
        task.cancel()
    }
}
