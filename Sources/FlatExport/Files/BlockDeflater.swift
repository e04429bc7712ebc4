import CCompressZlib

/// A lane's deflater: a zlib stream (raw deflate, reset per block) or a libdeflate compressor,
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
