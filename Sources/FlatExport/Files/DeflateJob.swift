/// One block of a gzip stream, deflated apart from the others. With zlib (as pigz does): raw
/// deflate primed with the previous block's last 32 KB, ended by a sync flush (or, for the last
/// block, the final bit), so the blocks' outputs concatenate into one deflate stream. With
/// libdeflate: a whole gzip member of its own.
///
/// - Important: `@unchecked Sendable` for its hand-overs, each through a lock: the writer fills
///   `storage` before `DeflatePool.submit` and never touches the job again; the lane that takes it
///   from the pool's queue sets the results and hands it to `sink`, which reads them under its own
///   lock. No two threads touch a job at once.
package final class DeflateJob: @unchecked Sendable {
    /// `[dictionary][block]`, owned by the job and recycled by the pool when it goes.
    package let storage: UnsafeMutableRawBufferPointer
    let dictionaryCount: Int
    let count: Int
    let level: Int32
    let isLast: Bool
    /// Position in its stream, from 0.
    package let sequence: Int
    /// Where the block goes once deflated.
    let sink: SinkOutput
    private let pool: DeflatePool

    /// Results, set by the lane.
    package var output: [UInt8] = []
    package var crc: UInt32 = 0
    package var failure: Int32?

    package init(storage: UnsafeMutableRawBufferPointer, dictionaryCount: Int, count: Int, level: Int32, isLast: Bool,
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
