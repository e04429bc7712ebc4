import Crypto
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// At most two requests in flight per token across every process on the machine (a nightly job
/// overlapping a backfill share one token): each request holds one of two file locks named by
/// the token's digest. The kernel drops a lock when its holder dies, so a killed run never
/// leaves a slot taken.
struct TokenSlots: Sendable {
    static let perToken = 2
    let paths: [String]

    /// - Parameter directory: where the lock files live; every process sharing a token must use
    ///   the same one.
    init(token: String, directory: String) {
        let digest = SHA256.hash(data: Data(token.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        paths = (0..<Self.perToken).map { "\(directory)/\(digest).slot\($0).lock" }
    }

    /// Shared by every user of the temporary folder, so any two runs on the machine meet there.
    static var defaultDirectory: String { NSTemporaryDirectory() + "wolkvox-etl-locks" }

    /// Runs `body` while holding a slot; waits (cancellably) while both are held elsewhere.
    func withSlot<T>(_ body: () async throws -> T) async throws -> T {
        let fd = try await acquire()
        defer { close(fd) }
        return try await body()
    }

    private func acquire() async throws -> Int32 {
        var wait: UInt64 = 20_000_000
        while true {
            for path in paths {
                let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
                // An unusable lock folder must not stop the run: the API's own 403 still guards the limit.
                guard fd >= 0 else { return -1 }
                if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
                close(fd)
            }
            try await Task.sleep(nanoseconds: wait)
            wait = min(wait * 2, 50_000_000)
        }
    }
}
