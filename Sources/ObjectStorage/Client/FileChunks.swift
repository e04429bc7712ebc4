import Foundation
import NIOPosix

/// A local file's bytes as a sequence of chunks, read as they are asked for, so an upload
/// holds one part in memory whatever the file's size.
///
/// Opening and reading happen on NIO's blocking-I/O thread pool, never on the cooperative
/// pool: a slow disk stalls this upload only, not the tasks that share the run's threads.
package struct FileChunks: AsyncSequence, Sendable {
    package typealias Element = [UInt8]
    package let path: String
    package let chunkSize: Int

    package init(path: String, chunkSize: Int = 1 << 20) {
        self.path = path
        self.chunkSize = chunkSize
    }

    package struct AsyncIterator: AsyncIteratorProtocol {
        let path: String
        let chunkSize: Int
        // Closed by its deinit when the iteration ends early (a failed upload).
        var handle: FileHandle?
        var done = false

        package mutating func next() async throws -> [UInt8]? {
            guard !done else { return nil }
            let pool = NIOThreadPool.singleton
            let handle: FileHandle
            if let open = self.handle { handle = open } else {
                let url = URL(fileURLWithPath: path)
                handle = try await pool.runIfActive { try FileHandle(forReadingFrom: url) }
                self.handle = handle
            }
            let count = chunkSize
            let chunk = try await pool.runIfActive { () throws -> [UInt8] in
                guard let data = try handle.read(upToCount: count) else { return [] }
                return [UInt8](data)
            }
            if chunk.isEmpty {
                done = true
                self.handle = nil
                try? await pool.runIfActive { try handle.close() }
                return nil
            }
            return chunk
        }
    }

    package func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(path: path, chunkSize: chunkSize)
    }
}
