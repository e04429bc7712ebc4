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
/// Two locks, both its own, because a lane holds the disk's across a write that can take as long
/// as the disk does (or, for a FIFO, until someone reads): `disk` (the file and what depends on
/// the bytes' order) and `progress` (blocks delivered, the first failure, the waiting owner). The
/// owner checks for failures and waits for its blocks through `progress` alone, so it never
/// blocks on a lane's write; it touches `disk` only when no block of its is out (plain sinks, the
/// trailer, the close). A lane takes `progress` inside `disk`, never the other way.
package final class SinkOutput: Sendable {
    let path: String
    private let level: Int32
    private let framesBlocks: Bool
    private let disk: Mutex<Disk>
    private let progress = Mutex(Progress())

    private struct Disk {
        var file: POSIXFile
        var hasher = SHA256()
        var diskBytes = 0
        /// A copy of `Progress.failure` for the lanes: nothing more is written after one.
        var failed = false
        var abandoned = false
        /// Gzip: blocks finished out of order, waiting for the ones before them.
        var pending: [Int: DeflateJob] = [:]
        var nextBlock = 0
        var crc: UInt32 = 0
        var inputBytes = 0

        mutating func writeToDisk(_ bytes: UnsafeRawBufferPointer) throws {
            guard !bytes.isEmpty else { return }
            try file.writeAll(bytes)
            hasher.update(bufferPointer: bytes)
            diskBytes += bytes.count
        }
    }

    private struct Progress {
        var failure: (any Error)?
        /// Blocks written (or dropped after a failure).
        var delivered = 0
        /// The owner, suspended until `delivered` reaches `count`.
        var waiter: (count: Int, continuation: CheckedContinuation<Void, Never>)?

        /// Counts a block; returns the owner to resume if it was waiting for this one.
        mutating func count(failure: (any Error)?) -> CheckedContinuation<Void, Never>? {
            delivered += 1
            if self.failure == nil, let failure { self.failure = failure }
            guard let waiter, delivered >= waiter.count else { return nil }
            self.waiter = nil
            return waiter.continuation
        }
    }

    /// - Parameter framesBlocks: whether gzip blocks are raw deflate that needs the member's header
    ///   and trailer written around them.
    package init(path: String, level: Int, framesBlocks: Bool) throws {
        self.path = path
        self.level = Int32(level)
        self.framesBlocks = framesBlocks
        let file = try POSIXFile.create(path)
        disk = Mutex(Disk(file: file))
    }

    /// Writes plain bytes (or the caller's own framing).
    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        try check()
        let borrowed = Borrowed(bytes: bytes)
        let failure: (any Error)? = disk.withLock { disk in
            do { try disk.writeToDisk(borrowed.bytes) } catch { disk.failed = true; return error }
            return nil
        }
        if let failure {
            progress.withLock { if $0.failure == nil { $0.failure = failure } }
            throw failure
        }
    }

    /// Takes a finished block; writes it and any later ones it was holding up, then resumes the
    /// owner if it was waiting for them.
    package func deliver(_ job: DeflateJob) {
        // One owner waits at a time, so a delivery resumes at most one continuation.
        var resumed: CheckedContinuation<Void, Never>?
        disk.withLock { disk in
            // An abandoned sink drops what comes back (holding it would keep it and its buffer alive).
            guard !disk.abandoned else { return }
            disk.pending[job.sequence] = job
            while let next = disk.pending.removeValue(forKey: disk.nextBlock) {
                disk.nextBlock += 1
                let failure = disk.failed ? nil : writeBlock(next, to: &disk)
                if failure != nil { disk.failed = true }
                if let owner = progress.withLock({ $0.count(failure: failure) }) { resumed = owner }
            }
        }
        resumed?.resume()
    }

    /// Writes one block in order (with the member's header before the first); returns what failed.
    private func writeBlock(_ block: DeflateJob, to disk: inout Disk) -> (any Error)? {
        if let status = block.failure {
            return FlatExportError(
                code: .compressionFailed, message: "gzip failed writing \(path) (deflate status \(status))", path: path)
        }
        do {
            if framesBlocks {
                if block.sequence == 0 {
                    try GzipBlocks.header(level: level).withUnsafeBytes { try disk.writeToDisk($0) }
                }
                disk.crc = UInt32(truncatingIfNeeded: crc32_combine(uLong(disk.crc), uLong(block.crc), block.count))
                disk.inputBytes += block.count
            }
            try block.output.withUnsafeBytes { try disk.writeToDisk($0) }
            return nil
        } catch {
            return error
        }
    }

    /// Suspends until at least `count` blocks have been delivered (written, or dropped after a
    /// failure). Only the sink's owner waits, one wait at a time.
    package func waitForDelivery(of count: Int) async {
        if progress.withLock({ $0.delivered >= count }) { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = progress.withLock { state in
                if state.delivered >= count { return true }
                precondition(state.waiter == nil, "a sink has one owner, waiting once at a time")
                state.waiter = (count, continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Blocks delivered so far (written, or dropped after a failure).
    package var delivered: Int { progress.withLock { $0.delivered } }

    /// Whether the owner is suspended in `waitForDelivery` (for tests; stale as soon as it returns).
    package var isAwaited: Bool { progress.withLock { $0.waiter != nil } }

    /// Ends the gzip member (every block delivered): the trailer with the CRC and length.
    package func writeTrailer() throws {
        try check()
        try disk.withLock { state in
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
        if let failure = progress.withLock({ $0.failure }) { throw failure }
    }

    /// Fsyncs and closes; returns the size and SHA-256 of what is on disk.
    package func finish() throws -> WrittenFile {
        try check()
        return try disk.withLock { state in
            try state.file.sync()
            try state.file.close()
            return WrittenFile(bytes: state.diskBytes, sha256: Hex.string(state.hasher.finalize()))
        }
    }

    /// Stops writing: blocks still with the pool are dropped when they come back.
    package func abandon() {
        disk.withLock { state in
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
