import Foundation

/// A local file's bytes as a sequence of chunks, read as they are asked for, so an upload
/// holds one part in memory whatever the file's size.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public let path: String
    public let chunkSize: Int

    public init(path: String, chunkSize: Int = 1 << 20) {
        self.path = path
        self.chunkSize = chunkSize
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        let error: (any Error)?
        let chunkSize: Int
        var done = false

        public mutating func next() async throws -> [UInt8]? {
            if let error { throw error }
            guard !done, let handle else { return nil }
            let data = try handle.read(upToCount: chunkSize) ?? Data()
            if data.isEmpty {
                done = true
                try? handle.close()
                return nil
            }
            return [UInt8](data)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        do {
            return AsyncIterator(handle: try FileHandle(forReadingFrom: URL(fileURLWithPath: path)), error: nil, chunkSize: chunkSize)
        } catch {
            return AsyncIterator(handle: nil, error: error, chunkSize: chunkSize)
        }
    }
}
