import Dispatch
import NIOCore
import Synchronization

/// A few lanes that deflate blocks for every gzip sink of the process, so compression (most of a
/// run's CPU) runs on all cores beside the tasks that parse and encode.
///
/// Design: one primitive, a `Mutex` over a `DeflateQueue` (the decisions, tested alone), and two
/// kinds of waiting, each on the side that can afford it:
/// - Writers are async tasks on the cooperative pool, which must never block: when the queue is
///   full, `submit` suspends the writer (a continuation in the queue's line) and the lane that
///   takes the next job resumes it; `SinkOutput.waitForDelivery` suspends a writer whose sink has
///   too many blocks out, resumed by the lane that delivers them. Neither wait can last: lanes
///   wait on nothing but the disk, so every job queued is deflated and delivered.
/// - Lanes do CPU work that would starve the cooperative pool (two threads on two cores), so each
///   runs on a serial `DispatchQueue` of its own (`deflate-N`), on libdispatch's threads. A lane
///   drains the queue and returns when it is empty; the next `submit` starts it again. There is
///   no thread of ours to stop: libdispatch retires idle threads, so nothing outlives its use.
///   Each lane keeps its deflater (a zlib stream or a libdeflate compressor, under 2 MB) between
///   starts, since making one costs more than a small block's deflate.
///
/// NIOThreadPool was the other candidate: its threads never exit until it is shut down, its queue
/// is unbounded (the back-pressure would still be ours) and a job cannot find its thread's
/// deflater without thread-locals, so it would add a dependency and save nothing.
///
/// One pool per engine for the process, rather than per store or per run: the cores are the
/// process's, and sinks of several stores writing at once share one bound on CPU and memory.
package final class DeflatePool: Sendable {
    private static let zlib = DeflatePool(engine: .zlib)
    private static let libdeflate = DeflatePool(engine: .libdeflate)

    /// The process's pool for `engine` (lanes start with its first block).
    package static func shared(_ engine: GzipEngine) -> DeflatePool {
        switch engine {
        case .zlib: zlib
        case .libdeflate: libdeflate
        }
    }

    package let engine: GzipEngine
    /// Input bytes per block. zlib: pigz's default, where priming costs little and blocks stay
    /// small. libdeflate: each block is a member with a fresh window, so larger blocks keep the
    /// files as small as zlib's (1.07 % of the input at 512 KB, against 1.15 % at 128 KB).
    package let blockSize: Int
    /// The dictionary carried from one block to the next: deflate's window for zlib, none for
    /// libdeflate (which cannot be primed).
    let windowSize: Int
    package let workers: Int
    private let lanes: [Lane]
    private let queue: Mutex<DeflateQueue<DeflateJob, CheckedContinuation<Void, Never>>>
    /// Block buffers kept for reuse: a fresh 160 or 512 KB allocation per block would be an mmap each.
    private let buffers = Mutex<[BlockBuffer]>([])
    private static let buffersKept = 8

    /// - Parameters:
    ///   - workers: lanes, the blocks deflated at once; the cores available by default.
    ///   - maxQueued: blocks waiting for a lane, all writers together, before a writer waits to
    ///     submit more; twice the lanes by default. Every writer shares this bound: a writer that
    ///     parks a file per day submits a block for each without waiting on it, and with parsing
    ///     ahead of compression those 512 KB blocks would otherwise pile up in the queue (peak RSS
    ///     from 54 to 66 MB).
    package init(engine: GzipEngine, workers: Int = max(2, System.coreCount), maxQueued: Int? = nil) {
        self.engine = engine
        self.workers = workers
        let blockSize = engine == .zlib ? 128 << 10 : 512 << 10
        self.blockSize = blockSize
        windowSize = engine == .zlib ? 32 << 10 : 0
        lanes = (0..<workers).map { Lane(number: $0, engine: engine, blockSize: blockSize) }
        queue = Mutex(DeflateQueue(lanes: workers, capacity: maxQueued ?? 2 * workers))
    }

    /// A block buffer (`windowSize + blockSize` bytes).
    package func takeBuffer() -> UnsafeMutableRawBufferPointer {
        if let reused = buffers.withLock({ $0.popLast() }) { return reused.bytes }
        return .allocate(byteCount: windowSize + blockSize, alignment: 64)
    }

    package func recycle(_ buffer: UnsafeMutableRawBufferPointer) {
        let kept = buffers.withLock { buffers in
            guard buffers.count < Self.buffersKept else { return false }
            buffers.append(BlockBuffer(bytes: buffer))
            return true
        }
        if !kept { buffer.deallocate() }
    }

    /// Queues a block for a lane; suspends while the queue is full.
    package func submit(_ job: DeflateJob) async {
        if case .queued(let lane) = queue.withLock({ $0.submit(job) }) { return start(lane) }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            // A lane may have made room since the first try: then the job goes in now.
            let submission = queue.withLock { queue in
                let submission = queue.submit(job)
                if submission == .full { queue.wait(job, resuming: waiter) }
                return submission
            }
            if case .queued(let lane) = submission {
                start(lane)
                waiter.resume()
            }
        }
    }

    /// How full the pool is now.
    package struct Occupancy: Sendable, Equatable {
        /// Blocks waiting for a lane.
        package var queued: Int
        /// Writers waiting for room.
        package var waiting: Int
        /// Lanes not running.
        package var idleLanes: Int

        package init(queued: Int, waiting: Int, idleLanes: Int) {
            self.queued = queued
            self.waiting = waiting
            self.idleLanes = idleLanes
        }
    }

    /// How full the pool is now (for tests; stale as soon as it returns).
    package var occupancy: Occupancy {
        queue.withLock { Occupancy(queued: $0.queuedCount, waiting: $0.waitingCount, idleLanes: $0.idleCount) }
    }

    private func start(_ lane: Int?) {
        guard let lane else { return }
        lanes[lane].dispatch.async { self.drain(lane) }
    }

    /// Runs on lane `number`'s queue until the pool's queue is empty.
    private func drain(_ number: Int) {
        let lane = lanes[number]
        while let next = queue.withLock({ $0.next(lane: number) }) {
            next.admitted?.resume()
            lane.deflate(next.job)
            next.job.sink.deliver(next.job)
        }
    }
}

/// A block buffer on its way between writers and lanes through the pool's free list.
private struct BlockBuffer: @unchecked Sendable {
    // Safety: a buffer in the free list belongs to no one; whoever takes it out owns it.
    let bytes: UnsafeMutableRawBufferPointer
}

/// One lane: a serial queue and the deflater its jobs use.
private final class Lane: @unchecked Sendable {
    // Safety: `deflater` is only touched from blocks running on `dispatch`, which is serial.
    let dispatch: DispatchQueue
    private let engine: GzipEngine
    private let blockSize: Int
    private var deflater: BlockDeflater?

    init(number: Int, engine: GzipEngine, blockSize: Int) {
        dispatch = DispatchQueue(label: "deflate-\(number)")
        self.engine = engine
        self.blockSize = blockSize
    }

    func deflate(_ job: DeflateJob) {
        if deflater == nil { deflater = BlockDeflater(engine: engine, blockSize: blockSize) }
        deflater!.run(job)
    }
}
