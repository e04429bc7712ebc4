#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CompressNIO
import Crypto
import NIOCore

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

/// Streams bytes into one file, gzip-compressed or plain, in fixed-size chunks.
///
/// Memory is bounded whatever the stream's length: one input chunk, one output chunk and the
/// zlib state (about 256 KB at the default memory level). The SHA-256 and byte count of what
/// reaches the disk are computed as it is written, so a manifest never rereads a file.
///
/// - Important: not thread-safe, like the `ZlibCompressor` it owns: one sink per writer.
package final class FileSink {
    package let path: String
    private let file: POSIXFile
    private let compressor: ZlibCompressor?
    private var input: ByteBuffer
    private var output: ByteBuffer
    private var hasher = SHA256()
    private var inputBytes = 0
    private var diskBytes = 0
    private var finished = false

    /// Creates (or truncates) `path`.
    /// - Parameters:
    ///   - compression: `.gzip` for a single-member gzip stream, `.none` for plain bytes.
    ///   - gzipLevel: 0 (stored) to 9 (smallest); 1 is fastest.
    ///   - chunkSize: input and output chunk size; disk writes are this size except the last.
    /// - Throws: `FlatExportError` naming `path`.
    package init(path: String, compression: FlatCompression, gzipLevel: Int = 6, chunkSize: Int = 64 * 1024) throws {
        guard (0...9).contains(gzipLevel) else {
            throw FlatExportError(
                code: .invalidArgument, message: "gzip level \(gzipLevel) is not in 0...9 for \(path)", path: path)
        }
        self.path = path
        let allocator = ByteBufferAllocator()
        self.input = allocator.buffer(capacity: max(chunkSize, 1024))
        if compression == .gzip {
            do {
                self.compressor = try ZlibCompressor(
                    algorithm: .gzip,
                    configuration: ZlibConfiguration(windowSize: 15, compressionLevel: Int32(gzipLevel), memoryLevel: 8)
                )
            } catch {
                throw FlatExportError(
                    code: .compressionFailed, message: "cannot start gzip for \(path)", path: path, cause: error)
            }
            self.output = allocator.buffer(capacity: max(chunkSize, 1024))
        } else {
            self.compressor = nil
            self.output = allocator.buffer(capacity: 0)
        }
        self.file = try POSIXFile.create(path)
    }

    /// Bytes handed to the sink so far.
    package var bytesIn: Int { inputBytes }

    /// Appends bytes to the stream.
    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !finished else {
            throw FlatExportError(code: .invalidState, message: "write after finish to \(path)", path: path)
        }
        var offset = 0
        while offset < bytes.count {
            let room = input.capacity - input.writerIndex
            let count = min(room, bytes.count - offset)
            input.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
            offset += count
            if input.writerIndex == input.capacity { try drainInput() }
        }
        inputBytes += bytes.count
    }

    /// Appends bytes to the stream.
    package func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Ends the stream, writes what is left, fsyncs and closes the file.
    package func finish() throws -> SinkSummary {
        guard !finished else {
            throw FlatExportError(code: .invalidState, message: "finish called twice for \(path)", path: path)
        }
        finished = true
        if let compressor {
            try runDeflate(compressor, flush: .finish)
            try writeOutput()
        } else {
            try drainInput()
        }
        try file.sync()
        try file.close()
        let digest = hasher.finalize()
        return SinkSummary(path: path, inputBytes: inputBytes, bytes: diskBytes, sha256: Hex.string(digest))
    }

    /// Closes the file without finishing the stream (the caller removes it).
    package func abandon() {
        finished = true
        try? file.close()
    }

    private func drainInput() throws {
        if let compressor {
            try runDeflate(compressor, flush: .no)
        } else {
            try input.withUnsafeReadableBytes { try writeToDisk($0) }
        }
        input.clear()
    }

    /// Feeds all pending input to zlib; `.bufferOverflow` only means "output full, drain and
    /// call again". With `.finish` the loop runs until zlib reports the stream's end.
    private func runDeflate(_ compressor: ZlibCompressor, flush: CompressNIOFlush) throws {
        while flush == .finish || input.readableBytes > 0 {
            if output.writerIndex == output.capacity { try writeOutput() }
            do {
                try compressor.deflate(from: &input, to: &output, flush: flush)
                if flush == .finish { return }
            } catch let error as CompressNIOError where error == .bufferOverflow {
                // No progress with an empty output buffer would loop forever: zlib is stuck.
                guard output.readableBytes > 0 else {
                    throw FlatExportError(
                        code: .compressionFailed, message: "gzip made no progress writing \(path)", path: path,
                        cause: error)
                }
                try writeOutput()
            } catch {
                throw FlatExportError(code: .compressionFailed, message: "gzip failed writing \(path)", path: path, cause: error)
            }
        }
    }

    private func writeOutput() throws {
        guard output.readableBytes > 0 else { return }
        try output.withUnsafeReadableBytes { try writeToDisk($0) }
        output.clear()
    }

    private func writeToDisk(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        try file.writeAll(bytes)
        hasher.update(bufferPointer: bytes)
        diskBytes += bytes.count
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
