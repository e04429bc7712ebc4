import Crypto
import Foundation
import NIOCore
import NIOPosix

/// A byte range of a local file: the body of one PUT or one part of a multipart upload, read
/// from the file as it is sent (and again for a retry) instead of held in memory.
package struct FileRegion: Sendable, Hashable {
    package var path: String
    package var offset: Int
    package var count: Int

    package init(path: String, offset: Int, count: Int) {
        self.path = path
        self.offset = offset
        self.count = count
    }

    /// The digests S3 checks the bytes against, computed in one read of the region.
    func digests() async throws -> (sha256Hex: String, md5Base64: String) {
        var sha = SHA256()
        var md5 = Insecure.MD5()
        for try await chunk in chunks() {
            chunk.withUnsafeReadableBytes { bytes in
                sha.update(bufferPointer: bytes)
                md5.update(bufferPointer: bytes)
            }
        }
        return (SignatureV4.hex(sha.finalize()), Data(md5.finalize()).base64EncodedString())
    }

    /// The region's bytes in chunks of at most `chunkSize`, read on NIO's blocking-I/O pool.
    func chunks(chunkSize: Int = 1 << 20) -> FileRegionChunks {
        FileRegionChunks(region: self, chunkSize: chunkSize)
    }

    /// The size of the file at `path`.
    static func size(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }
}

/// A `FileRegion`'s bytes as a sequence of `ByteBuffer`s, each read when asked for: an upload
/// holds one chunk of it in memory at a time.
struct FileRegionChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let region: FileRegion
    let chunkSize: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        let region: FileRegion
        let chunkSize: Int
        var sent = 0
        // Closed by its deinit when the iteration ends early (a failed request).
        var handle: FileHandle?

        mutating func next() async throws -> ByteBuffer? {
            let count = Swift.min(chunkSize, region.count - sent)
            guard count > 0 else {
                if let handle {
                    self.handle = nil
                    try? await NIOThreadPool.singleton.runIfActive { try handle.close() }
                }
                return nil
            }
            let pool = NIOThreadPool.singleton
            let handle: FileHandle
            if let open = self.handle { handle = open } else {
                let region = self.region
                handle = try await pool.runIfActive {
                    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: region.path))
                    try handle.seek(toOffset: UInt64(region.offset))
                    return handle
                }
                self.handle = handle
            }
            let path = region.path
            let data = try await pool.runIfActive { try handle.read(upToCount: count) ?? Data() }
            guard data.count == count else {
                throw S3Error(.localFile, "\(path) changed while it was uploaded: \(data.count) bytes where \(count) were expected")
            }
            sent += count
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(region: region, chunkSize: chunkSize)
    }
}
