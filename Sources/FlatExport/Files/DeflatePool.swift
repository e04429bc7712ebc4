#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CCompressZlib
import Foundation

/// One block of a gzip stream, deflated apart from the others. With zlib (as pigz does): raw
/// deflate primed with the previous block's last 32 KB, ended by a sync flush (or, for the last
/// block, the final bit), so the blocks' outputs concatenate into one deflate stream. With
/// libdeflate: a whole gzip member of its own.
///
/// - Important: The producer fills `storage` before `DeflatePool.submit` and never touches the
///   job again; the worker sets the results and hands it to `sink`, which reads them under its
///   lock. Those hand-overs, each under a lock, are what make it safe to share.
final class DeflateJob: @unchecked Sendable {
    /// `[dictionary][block]`, owned by the job and recycled by the pool when it goes.
    let storage: UnsafeMutableRawBufferPointer
    let dictionaryCount: Int
    let count: Int
    let level: Int32
    let isLast: Bool
    /// Position in its stream, from 0.
    let sequence: Int
    /// Where the block goes once deflated.
    let sink: SinkOutput
    private let pool: DeflatePool

    /// Results, set by the worker.
    var output: [UInt8] = []
    var crc: UInt32 = 0
    var failure: Int32?

    init(storage: UnsafeMutableRawBufferPointer, dictionaryCount: Int, count: Int, level: Int32, isLast: Bool,
         sequence: Int, sink: SinkOutput, pool: DeflatePool) {
        self.storage = storage
        self.sequence = sequence
        self.sink = sink
        self.dictionaryCount = dictionaryCount
        self.count = count
        self.level = level
        self.isLast = isLast
        self.pool = pool
    }

    deinit { pool.recycle(storage) }
}

/// A few threads that deflate blocks for every gzip sink of the process, so compression (most
/// of a run's CPU) runs on all cores beside the task that parses and encodes.
///
/// A worker hands each block to its sink's `SinkOutput`, which writes it as soon as the blocks
/// before it are written: no block waits for its sink's owner. Owners wait (blocking, briefly)
/// when their sink has more than `GzipBlocks.maxInFlight` blocks out, or when the queue holds
/// `maxQueued` blocks; workers never wait on anything but the queue, so every wait ends.
final class DeflatePool: @unchecked Sendable {
    // Safety: `queue`, `head`, `started` and every sink's `delivered` are only touched with
    // `mutex` held; `free` only with `freeMutex` held.
    private static let zlib = DeflatePool(engine: .zlib)
    private static let libdeflate = DeflatePool(engine: .libdeflate)

    /// The process's pool for `engine` (its threads start with its first block).
    static func shared(_ engine: GzipEngine) -> DeflatePool {
        switch engine {
        case .zlib: zlib
        case .libdeflate: libdeflate
        }
    }

    let engine: GzipEngine
    /// Input bytes per block. zlib: pigz's default, where priming costs little and blocks stay
    /// small. libdeflate: each block is a member with a fresh window, so larger blocks keep the
    /// files as small as zlib's (1.07 % of the input at 512 KB, against 1.15 % at 128 KB).
    let blockSize: Int
    /// The dictionary carried from one block to the next: deflate's window for zlib, none for
    /// libdeflate (which cannot be primed).
    let windowSize: Int
    let workers: Int
    /// Blocks waiting for a worker, all writers together, before a writer waits to submit more.
    var maxQueued: Int { 2 * workers }
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let work = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let room = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [DeflateJob?] = []
    private var head = 0
    private var started = false
    /// Block buffers kept for reuse: a fresh 160 or 512 KB allocation per block would be an mmap each.
    private var free: [UnsafeMutableRawBufferPointer] = []
    private let freeMutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private static let freeLimit = 8

    init(engine: GzipEngine, workers: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)) {
        self.engine = engine
        self.workers = workers
        blockSize = engine == .zlib ? 128 << 10 : 512 << 10
        windowSize = engine == .zlib ? 32 << 10 : 0
        pthread_mutex_init(mutex, nil)
        pthread_mutex_init(freeMutex, nil)
        pthread_cond_init(work, nil)
        pthread_cond_init(done, nil)
        pthread_cond_init(room, nil)
    }

    /// A block buffer (`windowSize + blockSize` bytes).
    func takeBuffer() -> UnsafeMutableRawBufferPointer {
        pthread_mutex_lock(freeMutex)
        let reused = free.popLast()
        pthread_mutex_unlock(freeMutex)
        if let reused { return reused }
        return .allocate(byteCount: windowSize + blockSize, alignment: 64)
    }

    func recycle(_ buffer: UnsafeMutableRawBufferPointer) {
        pthread_mutex_lock(freeMutex)
        let kept = free.count < Self.freeLimit
        if kept { free.append(buffer) }
        pthread_mutex_unlock(freeMutex)
        if !kept { buffer.deallocate() }
    }

    func submit(_ job: DeflateJob) {
        pthread_mutex_lock(mutex)
        if !started {
            started = true
            for n in 0..<workers {
                let thread = Thread { [self] in self.runWorker() }
                thread.name = "wolkvox-deflate-\(n)"
                thread.start()
            }
        }
        // Every writer's blocks share this bound: a writer that parks a file per day submits a
        // block for each without waiting on it, and with parsing ahead of compression those
        // 512 KB blocks would otherwise pile up in the queue (peak RSS from 54 to 66 MB).
        while queue.count - head >= maxQueued { pthread_cond_wait(room, mutex) }
        if head > 64, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        queue.append(job)
        pthread_cond_signal(work)
        pthread_mutex_unlock(mutex)
    }

    /// Blocks until `sink` has had at least `count` blocks delivered.
    func wait(for sink: SinkOutput, delivered count: Int) {
        pthread_mutex_lock(mutex)
        while sink.delivered < count { pthread_cond_wait(done, mutex) }
        pthread_mutex_unlock(mutex)
    }

    private func next() -> DeflateJob {
        pthread_mutex_lock(mutex)
        while head == queue.count { pthread_cond_wait(work, mutex) }
        let job = queue[head].take()!
        head += 1
        pthread_cond_broadcast(room)
        pthread_mutex_unlock(mutex)
        return job
    }

    private func runWorker() {
        var deflater = BlockDeflater(engine: engine, blockSize: blockSize)
        while true {
            let job = next()
            deflater.run(job)
            let sink = job.sink
            let written = sink.deliver(job)
            guard written > 0 else { continue }
            pthread_mutex_lock(mutex)
            sink.delivered += written
            pthread_cond_broadcast(done)
            pthread_mutex_unlock(mutex)
        }
    }
}

/// A worker's deflater: a zlib stream (raw deflate, reset per block) or a libdeflate compressor,
/// and output scratch.
struct BlockDeflater {
    private let engine: GzipEngine
    // Heap-allocated: zlib keeps a pointer back to the stream and refuses one that moved.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var compressor: Libdeflate.Compressor?
    private var level: Int32 = -1
    private var scratch: [UInt8]

    init(engine: GzipEngine, blockSize: Int) {
        self.engine = engine
        scratch = [UInt8](repeating: 0, count: blockSize + blockSize / 8 + 256)
        stream.initialize(to: z_stream())
    }

    mutating func run(_ job: DeflateJob) {
        switch engine {
        case .zlib: deflateBlock(job)
        case .libdeflate: gzipMember(job)
        }
    }

    /// The block as a whole gzip member (its own header, CRC and length).
    private mutating func gzipMember(_ job: DeflateJob) {
        if level != job.level {
            compressor = Libdeflate.system?.compressor(level: job.level)
            level = compressor == nil ? -1 : job.level
        }
        guard let compressor else { return job.failure = -1 }
        let input = UnsafeRawBufferPointer(rebasing: job.storage[job.dictionaryCount..<job.dictionaryCount + job.count])
        let bound = compressor.bound(job.count)
        if scratch.count < bound { scratch = [UInt8](repeating: 0, count: bound) }
        let produced = scratch.withUnsafeMutableBytes { compressor.gzip(input, into: $0) }
        guard produced > 0 else { return job.failure = -1 }
        job.output = Array(scratch[0..<produced])
    }

    /// The block as raw deflate primed with its dictionary, sync-flushed unless it is the last.
    private mutating func deflateBlock(_ job: DeflateJob) {
        guard let base = job.storage.baseAddress else { return }
        let input = base.assumingMemoryBound(to: Bytef.self)
        let block = input + job.dictionaryCount
        job.crc = UInt32(truncatingIfNeeded: crc32(0, block, uInt(job.count)))
        var status: Int32
        if level != job.level {
            if level >= 0 { deflateEnd(stream) }
            stream.pointee = z_stream()
            status = CCompressZlib_deflateInit2(stream, job.level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY)
            level = status == Z_OK ? job.level : -1
        } else {
            status = deflateReset(stream)
        }
        guard status == Z_OK else { return job.failure = status }
        if job.dictionaryCount > 0 {
            status = deflateSetDictionary(stream, input, uInt(job.dictionaryCount))
            guard status == Z_OK else { return job.failure = status }
        }
        stream.pointee.next_in = block
        stream.pointee.avail_in = uInt(job.count)
        let flush = job.isLast ? Z_FINISH : Z_SYNC_FLUSH
        var produced = 0
        while true {
            if produced == scratch.count { scratch.append(contentsOf: repeatElement(0, count: scratch.count)) }
            status = scratch.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.pointee.next_out = out.baseAddress! + produced
                stream.pointee.avail_out = uInt(out.count - produced)
                let status = deflate(stream, flush)
                produced = out.count - Int(stream.pointee.avail_out)
                return status
            }
            if status == Z_STREAM_END { break }
            guard status == Z_OK || status == Z_BUF_ERROR else { return job.failure = status }
            // Output room left means zlib flushed all it had; a full buffer may hide more.
            if !job.isLast, stream.pointee.avail_in == 0, produced < scratch.count { break }
        }
        job.output = Array(scratch[0..<produced])
    }
}
