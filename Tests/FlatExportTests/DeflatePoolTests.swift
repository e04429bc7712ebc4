import FlatExport
import Foundation
import Testing

/// The pool with real lanes: writers suspend while it is full, and every writer's blocks come out
/// in its order whatever the lanes' timing.
@Suite(.timeLimit(.minutes(1)))
struct DeflatePoolTests {
    /// The lane is held by a slow disk (a FIFO nobody reads yet): with room for one queued block,
    /// the third block's writer must suspend, not block, and go on once the disk drains.
    @Test func aWriterSuspendsWhileThePoolIsFullAndGoesOnWhenABlockDrains() async throws {
        try await withTemporaryDirectory { directory in
            let fifo = directory + "/slow-disk"
            try #require(mkfifo(fifo, 0o600) == 0)
            // The reading end first (without waiting for a writer), so the sink's open does not wait.
            let reader = open(fifo, O_RDONLY | O_NONBLOCK)
            try #require(reader >= 0)
            defer { close(reader) }
            _ = fcntl(reader, F_SETFL, 0)

            let pool = DeflatePool(engine: .zlib, workers: 1, maxQueued: 1)
            let output = try SinkOutput(path: fifo, level: 0, framesBlocks: true)
            let blocks = GzipBlocks(level: 0, output: output, pool: pool)
            // Stored (level 0) noise: each block's output is larger than the pipe's 64 KB buffer,
            // so the lane is stuck writing block 0 until the test reads.
            let input = noise(3 * pool.blockSize)
            let third = Array(input[(2 * pool.blockSize)...])
            try await blocks.write(Array(input[..<pool.blockSize]))
            try await waitUntil("the lane takes block 0") { pool.occupancy.queued == 0 }
            try await blocks.write(Array(input[pool.blockSize..<(2 * pool.blockSize)]))
            #expect(pool.occupancy.queued == 1, "block 1 waits for the lane held by block 0")

            let passed = Flag()
            let writer = Task {
                try await blocks.write(third)
                passed.set()
                try await blocks.finish()
                return try output.finish()
            }
            try await waitUntil("the writer of block 2 waits for room") { pool.occupancy.waiting == 1 }
            #expect(!passed.isSet)

            let drained = await Self.readToEnd(reader)
            let written = try await writer.value
            #expect(passed.isSet)
            try await waitUntil("the lane goes idle") { pool.occupancy == .init(queued: 0, waiting: 0, idleLanes: 1) }
            #expect(written.bytes == drained.count)
            let copy = directory + "/drained.gz"
            try Data(drained).write(to: URL(fileURLWithPath: copy))
            #expect(try Shell.gunzip(copy) == Data(input))
        }
    }

    /// Several writers through a pool of two lanes with room for one block: each file is its own
    /// input, in order, and byte for byte what one writer alone makes of it.
    @Test(arguments: GzipEngine.available)
    func manyWritersThroughASmallPoolEachGetTheirBlocksInOrder(engine: GzipEngine) async throws {
        try await withTemporaryDirectory { directory in
            let busy = DeflatePool(engine: engine, workers: 2, maxQueued: 1)
            let alone = DeflatePool(engine: engine, workers: 1, maxQueued: 1)
            let inputs = (0..<6).map { n in
                Array(FileSinkTests.payload(.multiMegabyte).prefix(300_000 * (n + 1))) + noise(50_000 * n, seed: UInt64(n + 1))
            }
            let written = try await withThrowingTaskGroup(of: (Int, WrittenFile).self) { group in
                for (n, input) in inputs.enumerated() {
                    group.addTask {
                        (n, try await Self.gzip(input, to: directory + "/\(n).gz", pool: busy, parkEvery: 200_000))
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            for (n, input) in inputs.enumerated() {
                #expect(try Shell.gunzip(directory + "/\(n).gz") == Data(input), "writer \(n)")
                let reference = try await Self.gzip(input, to: directory + "/\(n)-alone.gz", pool: alone, parkEvery: 200_000)
                #expect(written[n] == reference, "writer \(n)")
            }
        }
    }

    /// A block that cannot be deflated (no engine has a level 13) fails the stream, naming the file.
    @Test(arguments: GzipEngine.available)
    func aBlockThatFailsToDeflateFailsTheStream(engine: GzipEngine) async throws {
        try await withTemporaryDirectory { directory in
            let pool = DeflatePool(engine: engine, workers: 1)
            let path = directory + "/bad.gz"
            let output = try SinkOutput(path: path, level: 13, framesBlocks: engine == .zlib)
            let blocks = GzipBlocks(level: 13, output: output, pool: pool)
            let error = await #expect(throws: FlatExportError.self) {
                try await blocks.write(noise(10_000))
                try await blocks.finish()
                _ = try output.finish()
            }
            #expect(error?.code == .compressionFailed)
            #expect(error?.path == path)
        }
    }

    /// A write that fails on a lane (the disk is full) reaches the writer, which then stops.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")), arguments: GzipEngine.available)
    func aDiskErrorOnALaneReachesTheWriter(engine: GzipEngine) async throws {
        let pool = DeflatePool(engine: engine, workers: 2, maxQueued: 1)
        let output = try SinkOutput(path: "/dev/full", level: 6, framesBlocks: engine == .zlib)
        let blocks = GzipBlocks(level: 6, output: output, pool: pool)
        let error = await #expect(throws: FlatExportError.self) {
            for _ in 0..<8 { try await blocks.write(noise(pool.blockSize)) }
            try await blocks.finish()
            _ = try output.finish()
        }
        #expect(error?.code == .diskFull)
        #expect(error?.path == "/dev/full")
    }

    @Test(arguments: GzipEngine.available)
    func anEmptyStreamIsAValidGzipFile(engine: GzipEngine) async throws {
        try await withTemporaryDirectory { directory in
            let pool = DeflatePool(engine: engine, workers: 1)
            let path = directory + "/empty.gz"
            let written = try await Self.gzip([], to: path, pool: pool, parkEvery: 1)
            #expect(written.bytes > 0)
            #expect(try Shell.run(["gzip", "-t", path]).status == 0)
            #expect(try Shell.gunzip(path).isEmpty)
        }
    }

    static func gzip(_ input: [UInt8], to path: String, pool: DeflatePool, parkEvery: Int) async throws -> WrittenFile {
        let output = try SinkOutput(path: path, level: 6, framesBlocks: pool.engine == .zlib)
        let blocks = GzipBlocks(level: 6, output: output, pool: pool)
        var offset = 0
        while offset < input.count {
            let end = min(input.count, offset + parkEvery)
            try await blocks.write(Array(input[offset..<end]))
            try await blocks.park()
            offset = end
        }
        try await blocks.finish()
        return try output.finish()
    }

    /// Reads a descriptor to its end on a thread of its own (a blocking read has no place on the
    /// cooperative pool).
    static func readToEnd(_ descriptor: Int32) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { break }
                    bytes += chunk[..<count]
                }
                continuation.resume(returning: bytes)
            }
        }
    }
}
