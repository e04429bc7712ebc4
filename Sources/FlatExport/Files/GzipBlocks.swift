/// The producer side of one gzip member written as independently deflated blocks
/// (`DeflatePool`); the blocks come back to the sink's `SinkOutput`, which writes them in order.
///
/// The bytes depend only on the input and the level, never on timing: blocks split at fixed
/// offsets and each is primed with the same dictionary whoever deflates it. Memory per stream:
/// the block being filled and at most `maxInFlight` blocks with the pool.
///
/// - Important: not thread-safe; one owner (a `FileSink`).
final class GzipBlocks {
    private let pool: DeflatePool
    private let level: Int32
    private let output: SinkOutput
    /// The block being filled: `[dictionary][bytes]`.
    private var current: UnsafeMutableRawBufferPointer?
    private var dictionaryCount = 0
    private var fill = 0
    private var submitted = 0

    /// Blocks a stream may have with the pool before its owner waits: enough for every worker.
    var maxInFlight: Int { pool.workers + 1 }

    init(level: Int, output: SinkOutput, pool: DeflatePool = .shared) {
        self.level = Int32(level)
        self.output = output
        self.pool = pool
    }

    deinit { abandon() }

    /// Adds bytes; a full block goes to the pool.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let buffer = current ?? start()
            let count = min(DeflatePool.blockSize - fill, bytes.count - offset)
            (buffer.baseAddress! + dictionaryCount + fill).copyMemory(
                from: bytes.baseAddress! + offset, byteCount: count)
            fill += count
            offset += count
            if fill == DeflatePool.blockSize { try submit(isLast: false) }
        }
    }

    /// Ends the stream: the last block, a wait for every block's write, then the trailer.
    func finish() throws {
        if current == nil { _ = start() }
        try submit(isLast: true)
        pool.wait(for: output, delivered: submitted)
        try output.writeTrailer()
    }

    /// Drops the block being filled; those with the pool are dropped by the output.
    func abandon() {
        if let current { pool.recycle(current) }
        current = nil
    }

    private func start() -> UnsafeMutableRawBufferPointer {
        let buffer = pool.takeBuffer()
        current = buffer
        fill = 0
        return buffer
    }

    private func submit(isLast: Bool) throws {
        guard let buffer = current else { return }
        let job = DeflateJob(
            storage: buffer, dictionaryCount: dictionaryCount, count: fill, level: level, isLast: isLast,
            sequence: submitted, sink: output, pool: pool)
        current = nil
        if !isLast {
            // The next block is primed with this one's tail; the copy is read-only on both sides.
            let next = start()
            let tail = min(DeflatePool.windowSize, dictionaryCount + job.count)
            next.baseAddress!.copyMemory(
                from: buffer.baseAddress! + dictionaryCount + job.count - tail, byteCount: tail)
            dictionaryCount = tail
        }
        submitted += 1
        pool.submit(job)
        if submitted > maxInFlight { pool.wait(for: output, delivered: submitted - maxInFlight) }
        try output.check()
    }

    /// What zlib itself writes: no name, no time, the level's hint, OS Unix.
    static func header(level: Int32) -> [UInt8] {
        let hint: UInt8 = level == 9 ? 2 : level < 2 ? 4 : 0
        return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, hint, 3]
    }
}
