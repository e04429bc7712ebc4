/// The producer side of a gzip stream written as independently deflated blocks (`DeflatePool`);
/// the blocks come back to the sink's `SinkOutput`, which writes them in order.
///
/// The bytes depend only on the input, where it was parked, the level and the engine, never on
/// timing: blocks split at fixed offsets (and at parks) and each is primed with the same
/// dictionary whoever deflates it. Memory per stream: the block being filled and at most
/// `maxInFlight` blocks with the pool; a parked stream holds no block, only zlib's 32 KB window.
/// Its owner suspends (never blocks) while the pool is full or its blocks out reach the bound.
///
/// - Important: not thread-safe; one owner (a `FileSink`).
package final class GzipBlocks {
    private let pool: DeflatePool
    private let level: Int32
    private let output: SinkOutput
    /// The block being filled: `[dictionary][bytes]`.
    private var current: UnsafeMutableRawBufferPointer?
    private var dictionaryCount = 0
    private var fill = 0
    /// The previous block's tail, for the next block's dictionary once it starts (zlib only).
    private var window: [UInt8] = []
    private var submitted = 0

    /// Blocks a stream may have with the pool before its owner waits: enough for every lane.
    var maxInFlight: Int { pool.workers + 1 }

    package init(level: Int, output: SinkOutput, pool: DeflatePool) {
        self.level = Int32(level)
        self.output = output
        self.pool = pool
    }

    deinit { abandon() }

    /// Adds bytes; a full block goes to the pool.
    package func write(_ bytes: UnsafeRawBufferPointer) async throws {
        var offset = 0
        while offset < bytes.count {
            offset += take(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            if fill == pool.blockSize { try await submit(isLast: false) }
        }
    }

    /// Adds bytes; a full block goes to the pool.
    package func write(_ bytes: [UInt8]) async throws {
        var offset = 0
        while offset < bytes.count {
            // An array's bytes cannot be borrowed across a suspension: each block's share is copied apart.
            offset += bytes.withUnsafeBytes { take(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            if fill == pool.blockSize { try await submit(isLast: false) }
        }
    }

    /// Copies what fits of `bytes` into the block being filled; returns how many it took.
    private func take(_ bytes: UnsafeRawBufferPointer) -> Int {
        let buffer = current ?? start()
        let count = min(pool.blockSize - fill, bytes.count)
        (buffer.baseAddress! + dictionaryCount + fill).copyMemory(from: bytes.baseAddress!, byteCount: count)
        fill += count
        return count
    }

    /// Sends the part-filled block to the pool now, for a stream that will get no bytes for a
    /// while: a writer with many files open would otherwise hold a block for each. A later write
    /// starts a new block (for libdeflate, a new member).
    package func park() async throws {
        if current != nil, fill > 0 { try await submit(isLast: false) }
    }

    /// Ends the stream: the last block, a wait for every block's write, then zlib's trailer.
    package func finish() async throws {
        // libdeflate's members are whole: a parked stream needs no empty one after them. zlib's
        // stream needs its final block, even an empty one.
        if current != nil || submitted == 0 || pool.engine == .zlib {
            if current == nil { _ = start() }
            try await submit(isLast: true)
        }
        await output.waitForDelivery(of: submitted)
        if pool.engine == .zlib { try output.writeTrailer() }
    }

    /// Drops the block being filled; those with the pool are dropped by the output.
    package func abandon() {
        if let current { pool.recycle(current) }
        current = nil
    }

    private func start() -> UnsafeMutableRawBufferPointer {
        let buffer = pool.takeBuffer()
        window.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        dictionaryCount = window.count
        window = []
        current = buffer
        fill = 0
        return buffer
    }

    private func submit(isLast: Bool) async throws {
        guard let buffer = current else { return }
        let job = DeflateJob(
            storage: buffer, dictionaryCount: dictionaryCount, count: fill, level: level, isLast: isLast,
            sequence: submitted, sink: output, pool: pool)
        current = nil
        if !isLast, pool.windowSize > 0 {
            // The next block is primed with this one's tail; the copy is read-only on both sides.
            let tail = min(pool.windowSize, dictionaryCount + job.count)
            window = Array(UnsafeRawBufferPointer(
                start: buffer.baseAddress! + dictionaryCount + job.count - tail, count: tail))
        }
        submitted += 1
        await pool.submit(job)
        if submitted > maxInFlight { await output.waitForDelivery(of: submitted - maxInFlight) }
        try output.check()
    }

    /// What zlib itself writes: no name, no time, the level's hint, OS Unix.
    static func header(level: Int32) -> [UInt8] {
        let hint: UInt8 = level == 9 ? 2 : level < 2 ? 4 : 0
        return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, hint, 3]
    }
}
