/// What a finished `FileSink` put on disk.
package struct SinkSummary: Sendable, Hashable {
    /// The file written.
    package var path: String
    /// Bytes handed to the sink (before compression).
    package var inputBytes: Int
    /// Bytes on disk.
    package var bytes: Int
    /// SHA-256 of the bytes on disk, lowercase hex.
    package var sha256: String
}

/// Streams bytes into one file, gzip-compressed or plain.
///
/// Gzip is deflated in blocks by `DeflatePool`'s lanes while the caller goes on encoding (the
/// same bytes whatever the timing; see `GzipEngine` for the two kinds of block). Memory is
/// bounded whatever the stream's length: the block being filled and a few with the pool; a
/// writer ahead of the pool suspends in `write`, `park` or `finish` until a block drains. The
/// SHA-256 and byte count of what reaches the disk are computed as it is written, so a manifest
/// never rereads a file.
///
/// - Important: not thread-safe: one sink per writer.
package final class FileSink {
    package let path: String
    private let output: SinkOutput
    private let gzip: GzipBlocks?
    private var input: [UInt8] = []
    private let chunkSize: Int
    private var inputBytes = 0
    private var finished = false

    /// Creates (or truncates) `path`.
    /// - Parameters:
    ///   - compression: `.gzip` for a gzip stream, `.none` for plain bytes.
    ///   - gzipLevel: 0 (stored) to 9 (smallest); 1 is fastest.
    ///   - engine: the deflate implementation; the one the system does fastest unless the caller asks.
    ///   - chunkSize: plain files: disk writes are this size except the last.
    /// - Throws: `FlatExportError` naming `path`.
    package init(
        path: String, compression: FlatCompression, gzipLevel: Int = 6, chunkSize: Int = 64 * 1024,
        engine: GzipEngine = .preferred
    ) throws {
        guard (0...9).contains(gzipLevel) else {
            throw FlatExportError(
                code: .invalidArgument, message: "gzip level \(gzipLevel) is not in 0...9 for \(path)", path: path)
        }
        self.path = path
        self.chunkSize = max(chunkSize, 1024)
        // A missing library (only a test can ask for one) falls back to zlib.
        let pool = DeflatePool.shared(engine.isAvailable ? engine : .zlib)
        let output = try SinkOutput(path: path, level: gzipLevel, framesBlocks: pool.engine == .zlib)
        self.output = output
        self.gzip = compression == .gzip ? GzipBlocks(level: gzipLevel, output: output, pool: pool) : nil
    }

    /// Bytes handed to the sink so far.
    package var bytesIn: Int { inputBytes }

    /// Appends bytes to the stream; suspends while the deflate pool is full.
    package func write(_ bytes: UnsafeRawBufferPointer) async throws {
        try checkOpen()
        inputBytes += bytes.count
        if let gzip { return try await gzip.write(bytes) }
        try writePlain(bytes)
    }

    /// Appends bytes to the stream; suspends while the deflate pool is full.
    package func write(_ bytes: [UInt8]) async throws {
        _ = try bytes.withUnsafeBytes { try stage($0) }
        try await handOff()
    }

    /// Appends bytes without suspending: gzip blocks that fill wait in the sink until
    /// `handOff()`, which a writer calls after each row (see `GzipBlocks.stage`).
    /// - Returns: whether blocks wait for `handOff()` (``hasReadyBlocks``).
    @discardableResult
    package func stage(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
        try checkOpen()
        inputBytes += bytes.count
        if let gzip { return gzip.stage(bytes) }
        try writePlain(bytes)
        return false
    }

    /// Whether blocks wait for `handOff()`.
    package var hasReadyBlocks: Bool { gzip?.hasReadyBlocks ?? false }

    /// Sends the blocks `stage` and `stagePark` left to the deflate pool; suspends while it is full.
    package func handOff() async throws {
        try await gzip?.handOff()
    }

    private func checkOpen() throws {
        guard !finished else {
            throw FlatExportError(code: .invalidState, message: "write after finish to \(path)", path: path)
        }
    }

    private func writePlain(_ bytes: UnsafeRawBufferPointer) throws {
        if input.count + bytes.count >= chunkSize {
            try drainInput()
            if bytes.count >= chunkSize { return try output.write(bytes) }
        }
        if input.capacity == 0 { input.reserveCapacity(chunkSize) }
        input.append(contentsOf: bytes)
    }

    /// Lets go of the stream's buffers until the next write (a writer with many files open that
    /// has moved on to another): the part-filled gzip block is deflated now, plain bytes written.
    package func park() async throws {
        try stagePark()
        try await handOff()
    }

    /// `park()` without suspending: the part-filled gzip block waits for `handOff()`.
    package func stagePark() throws {
        guard !finished else { return }
        if let gzip { return gzip.stagePark() }
        try drainInput()
        input = []
    }

    /// Ends the stream, writes what is left, fsyncs and closes the file.
    package func finish() async throws -> SinkSummary {
        guard !finished else {
            throw FlatExportError(code: .invalidState, message: "finish called twice for \(path)", path: path)
        }
        finished = true
        if let gzip { try await gzip.finish() } else { try drainInput() }
        let written = try output.finish()
        return SinkSummary(path: path, inputBytes: inputBytes, bytes: written.bytes, sha256: written.sha256)
    }

    /// Closes the file without finishing the stream (the caller removes it).
    package func abandon() {
        finished = true
        gzip?.abandon()
        output.abandon()
    }

    private func drainInput() throws {
        try input.withUnsafeBytes { try output.write($0) }
        input.removeAll(keepingCapacity: true)
    }
}

/// Lowercase hex of a digest.
enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func string(_ digest: some Sequence<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
