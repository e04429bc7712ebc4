import Foundation
import ObjectStorage
import Testing

struct FileChunksTests {
    func file(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func aFileIsReadWholeInChunksOfAtMostTheChunkSize() async throws {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let url = try file(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        var chunks: [[UInt8]] = []
        for try await chunk in FileChunks(path: url.path, chunkSize: 4096) { chunks.append(chunk) }
        #expect(chunks.map(\.count) == [4096, 4096, 1808])
        #expect(chunks.flatMap { $0 } == bytes)
    }

    @Test func anEmptyFileHasNoChunks() async throws {
        let url = try file([])
        defer { try? FileManager.default.removeItem(at: url) }
        var count = 0
        for try await _ in FileChunks(path: url.path) { count += 1 }
        #expect(count == 0)
    }

    @Test func aMissingFileFailsOnTheFirstChunk() async throws {
        let chunks = FileChunks(path: "/nonexistent/\(UUID().uuidString)")
        await #expect(throws: (any Error).self) {
            for try await _ in chunks {}
        }
    }
}
