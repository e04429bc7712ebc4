import Dispatch
import Foundation

/// Runs `body` so that SIGINT or SIGTERM cancels it: the runner then stops asking the API, lands
/// the days that are already whole, saves its state and returns. A second signal exits at once
/// (the state file and the atomic day swaps keep that safe too).
func cancellingOnSignals<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let task = Task { try await body() }
    let received = SignalCount()
    let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            if received.increment() > 1 {
                FileHandle.standardError.write(Data("second signal: exiting now; run again to resume\n".utf8))
                exit(128 + number)
            }
            FileHandle.standardError.write(Data("signal \(number): stopping after the days already fetched land (again to quit now)\n".utf8))
            task.cancel()
        }
        source.resume()
        return source
    }
    defer {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
    return try await task.value
}

private final class SignalCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
