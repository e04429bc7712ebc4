#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CCompressZlib
import Crypto

/// The disk side of one `FileSink`: the file, the SHA-256 and size of what reached it, and, for
/// gzip from zlib's blocks, the member's framing (libdeflate's blocks come framed). Deflated
/// blocks are delivered here by whichever worker finished them and written in order at once, so a
/// block never waits in memory for its sink's next write.
///
/// - Important: Every member is touched only with `mutex` held (the blocks' workers and the
///   sink's owner both write), except `delivered`, which `DeflatePool` guards with its own lock.
final class SinkOutput: @unchecked Sendable {
    let path: String
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let file: POSIXFile
    private var hasher = SHA256()
    private var diskBytes = 0
    private var failure: (any Error)?
    private var abandoned = false
    /// Gzip: blocks finished out of order, waiting for the ones before them.
    private var pending: [Int: DeflateJob] = [:]
    private var nextBlock = 0
    private var crc: UInt32 = 0
    private var inputBytes = 0
    private let level: Int32
    private let framesBlocks: Bool
    /// Blocks written (or dropped after a failure); guarded by the pool's lock, for waiting.
    var delivered = 0

    /// - Parameter framesBlocks: whether gzip blocks are raw deflate that needs the member's header
    ///   and trailer written around them.
    init(path: String, level: Int, framesBlocks: Bool) throws {
        self.path = path
        self.level = Int32(level)
        self.framesBlocks = framesBlocks
        file = try POSIXFile.create(path)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    private func locked<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Writes plain bytes (or the caller's own framing).
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try locked {
            if let failure { throw failure }
            try writeToDisk(bytes)
        }
    }

    /// Takes a finished block; writes it and any later ones it was holding up.
    /// - Returns: how many blocks were written (or dropped).
    func deliver(_ job: DeflateJob) -> Int {
        locked {
            pending[job.sequence] = job
            var count = 0
            while let next = pending.removeValue(forKey: nextBlock) {
                nextBlock += 1
                count += 1
                guard failure == nil, !abandoned else { continue }
                if let status = next.failure {
                    failure = FlatExportError(
                        code: .compressionFailed, message: "gzip failed writing \(path) (deflate status \(status))", path: path)
                    continue
                }
                do {
                    if framesBlocks {
                        if next.sequence == 0 {
                            try GzipBlocks.header(level: level).withUnsafeBytes { try writeToDisk($0) }
                        }
                        crc = UInt32(truncatingIfNeeded: crc32_combine(uLong(crc), uLong(next.crc), next.count))
                        inputBytes += next.count
                    }
                    try next.output.withUnsafeBytes { try writeToDisk($0) }
                } catch {
                    failure = error
                }
            }
            return count
        }
    }

    /// Ends the gzip member (every block delivered): the trailer with the CRC and length.
    func writeTrailer() throws {
        try locked {
            if let failure { throw failure }
            var trailer = [UInt8](repeating: 0, count: 8)
            for k in 0..<4 {
                trailer[k] = UInt8(truncatingIfNeeded: crc >> (8 * k))
                trailer[4 + k] = UInt8(truncatingIfNeeded: UInt32(truncatingIfNeeded: inputBytes) >> (8 * k))
            }
            try trailer.withUnsafeBytes { try writeToDisk($0) }
        }
    }

    /// A failure a worker met, for the owner to throw.
    func check() throws {
        try locked { if let failure { throw failure } }
    }

    /// Fsyncs and closes; returns the size and SHA-256 of what is on disk.
    func finish() throws -> (bytes: Int, sha256: String) {
        try locked {
            if let failure { throw failure }
            try file.sync()
            try file.close()
            return (diskBytes, Hex.string(hasher.finalize()))
        }
    }

    /// Stops writing: blocks still with the pool are dropped when they come back.
    func abandon() {
        locked {
            abandoned = true
            pending = [:]
            try? file.close()
        }
    }

    private func writeToDisk(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        try file.writeAll(bytes)
        hasher.update(bufferPointer: bytes)
        diskBytes += bytes.count
    }
}
