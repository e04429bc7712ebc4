import CCompressZlib
import Crypto
import Synchronization

/// What a finished sink put on disk.
package struct WrittenFile: Sendable, Equatable {
    /// Bytes on disk.
    package var bytes: Int
    /// SHA-256 of the bytes on disk, lowercase hex.
    package var sha256: String

    package init(bytes: Int, sha256: String) {
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// The disk side of one `FileSink`: the file, the SHA-256 and size of what reached it, and, for
/// gzip from zlib's blocks, the member's framing (libdeflate's blocks come framed). Deflated
/// blocks are delivered here by whichever lane finished them and written in order at once, so a
/// block never waits in memory for its sink's next write.
///
/// All its state is behind one `Mutex`: the lanes (delivering) and the sink's owner (writing plain
/// bytes, waiting for its blocks, finishing) both reach it.
package final class SinkOutput: Sendable {
    let path: String
    private let level: Int32
    private let framesBlocks: Bool
    private let state: Mutex<State>

    private struct State {
        var file: POSIXFile
        var hasher = SHA256()
        var diskBytes = 0
        var failure: (any Error)?
        var abandoned = false
        /// Gzip: blocks finished out of order, waiting for the ones before them.
        var pending: [Int: DeflateJob] = [:]
        var nextBlock = 0
        var crc: UInt32 = 0
        var inputBytes = 0
        /// Blocks written (or dropped after a failure).
        var delivered = 0
        /// The owner, suspended until `delivered` reaches `count`.
        var waiter: (count: Int, continuation: CheckedContinuation<Void, Never>)?

        mutating func writeToDisk(_ bytes: UnsafeRawBufferPointer) throws {
            guard !bytes.isEmpty else { return }
            try file.writeAll(bytes)
            hasher.update(bufferPointer: bytes)
            diskBytes += bytes.count
        }
    }

    /// - Parameter framesBlocks: whether gzip blocks are raw deflate that needs the member's header
    ///   and trailer written around them.
    package init(path: String, level: Int, framesBlocks: Bool) throws {
        self.path = path
        self.level = Int32(level)
        self.framesBlocks = framesBlocks
        let file = try POSIXFile.create(path)
        state = Mutex(State(file: file))
    }

    /// Writes plain bytes (or the caller's own framing).
    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        let borrowed = Borrowed(bytes: bytes)
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            try state.writeToDisk(borrowed.bytes)
        }
    }

    /// Takes a finished block; writes it and any later ones it was holding up, then resumes the
    /// owner if it was waiting for them.
    package func deliver(_ job: DeflateJob) {
        let resumed = state.withLock { state -> CheckedContinuation<Void, Never>? in
            // An abandoned sink drops what comes back (holding it would keep it and its buffer alive).
            guard !state.abandoned else { return nil }
            state.pending[job.sequence] = job
            while let next = state.pending.removeValue(forKey: state.nextBlock) {
                state.nextBlock += 1
                state.delivered += 1
                guard state.failure == nil else { continue }
                if let status = next.failure {
                    state.failure = FlatExportError(
                        code: .compressionFailed, message: "gzip failed writing \(path) (deflate status \(status))", path: path)
                    continue
                }
                do {
                    if framesBlocks {
                        if next.sequence == 0 {
                            try GzipBlocks.header(level: level).withUnsafeBytes { try state.writeToDisk($0) }
                        }
                        state.crc = UInt32(truncatingIfNeeded: crc32_combine(uLong(state.crc), uLong(next.crc), next.count))
                        state.inputBytes += next.count
                    }
                    try next.output.withUnsafeBytes { try state.writeToDisk($0) }
                } catch {
                    state.failure = error
                }
            }
            guard let waiter = state.waiter, state.delivered >= waiter.count else { return nil }
            state.waiter = nil
            return waiter.continuation
        }
        resumed?.resume()
    }

    /// Suspends until at least `count` blocks have been delivered (written, or dropped after a
    /// failure). Only the sink's owner waits, one wait at a time.
    package func waitForDelivery(of count: Int) async {
        if state.withLock({ $0.delivered >= count }) { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.delivered >= count { return true }
                precondition(state.waiter == nil, "a sink has one owner, waiting once at a time")
                state.waiter = (count, continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Blocks delivered so far (written, or dropped after a failure).
    package var delivered: Int { state.withLock { $0.delivered } }

    /// Whether the owner is suspended in `waitForDelivery` (for tests; stale as soon as it returns).
    package var isAwaited: Bool { state.withLock { $0.waiter != nil } }

    /// Ends the gzip member (every block delivered): the trailer with the CRC and length.
    package func writeTrailer() throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            var trailer = [UInt8](repeating: 0, count: 8)
            for k in 0..<4 {
                trailer[k] = UInt8(truncatingIfNeeded: state.crc >> (8 * k))
                trailer[4 + k] = UInt8(truncatingIfNeeded: UInt32(truncatingIfNeeded: state.inputBytes) >> (8 * k))
            }
            try trailer.withUnsafeBytes { try state.writeToDisk($0) }
        }
    }

    /// A failure a lane met, for the owner to throw.
    package func check() throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
        }
    }

    /// Fsyncs and closes; returns the size and SHA-256 of what is on disk.
    package func finish() throws -> WrittenFile {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            try state.file.sync()
            try state.file.close()
            return WrittenFile(bytes: state.diskBytes, sha256: Hex.string(state.hasher.finalize()))
        }
    }

    /// Stops writing: blocks still with the pool are dropped when they come back.
    package func abandon() {
        state.withLock { state in
            state.abandoned = true
            state.pending = [:]
            try? state.file.close()
        }
    }
}

/// The caller's bytes, lent for one call under the lock and never kept (the region checker
/// cannot tell a pointer that is only read from one that is stored).
private struct Borrowed: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}
