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
    /// Full (or parked) blocks not yet with the pool, in order.
    private var ready: [DeflateJob] = []

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
        stage(bytes)
        try await handOff()
    }

    /// Adds bytes; a full block goes to the pool.
    package func write(_ bytes: [UInt8]) async throws {
        _ = bytes.withUnsafeBytes { stage($0) }
        try await handOff()
    }

    /// Adds bytes without suspending: a block that fills waits, ready, until `handOff()`. A writer
    /// that hands off after each row keeps at most a row's worth of blocks (one for rows under
    /// the block size), and the bytes are the same as `write`'s.
    /// - Returns: whether blocks wait for `handOff()` (``hasReadyBlocks``).
    @discardableResult
    package func stage(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            offset += take(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            if fill == pool.blockSize { ready.append(seal(isLast: false)) }
        }
        return !ready.isEmpty
    }

    /// Whether blocks wait for `handOff()`.
    package var hasReadyBlocks: Bool { !ready.isEmpty }

    /// Sends the ready blocks to the pool, suspending while it is full or while this stream has
    /// as many blocks out as it may.
    package func handOff() async throws {
        guard !ready.isEmpty else { return try output.check() }
        let jobs = ready
        ready = []
        for job in jobs {
            await pool.submit(job)
            let out = job.sequence + 1
            if out > maxInFlight { await output.waitForDelivery(of: out - maxInFlight) }
        }
        try output.check()
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
        stagePark()
        try await handOff()
    }

    /// `park()` without suspending: the part-filled block waits, ready, until `handOff()`.
    package func stagePark() {
        if current != nil, fill > 0 { ready.append(seal(isLast: false)) }
    }

    /// Ends the stream: the last block, a wait for every block's write, then zlib's trailer.
    package func finish() async throws {
        // libdeflate's members are whole: a parked stream needs no empty one after them. zlib's
        // stream needs its final block, even an empty one.
        if current != nil || submitted == 0 || pool.engine == .zlib {
            if current == nil { _ = start() }
            ready.append(seal(isLast: true))
        }
        try await handOff()
        await output.waitForDelivery(of: submitted)
        if pool.engine == .zlib { try output.writeTrailer() }
    }

    /// Drops the block being filled; those with the pool are dropped by the output.
    package func abandon() {
        if let current { pool.recycle(current) }
        current = nil
        // Jobs give their buffers back to the pool as they go.
        ready = []
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

    /// Ends the block being filled as the stream's next job.
    private func seal(isLast: Bool) -> DeflateJob {
        let buffer = current!
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
        return job
    }

    /// What zlib itself writes: no name, no time, the level's hint, OS Unix.
    static func header(level: Int32) -> [UInt8] {
        let hint: UInt8 = level == 9 ? 2 : level < 2 ? 4 : 0
        return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, hint, 3]
    }
}
