import FlatExport
import Foundation
import Testing

/// The disk side of a sink on its own: blocks handed in by hand, in any order.
struct SinkOutputTests {
    let pool = DeflatePool(engine: .zlib, workers: 1)

    /// A finished block as a lane hands it over (`bytes` as its deflated output).
    func block(_ sequence: Int, _ bytes: [UInt8], to output: SinkOutput, inputCount: Int = 0, failure: Int32? = nil) -> DeflateJob {
        let job = DeflateJob(
            storage: pool.takeBuffer(), dictionaryCount: 0, count: inputCount, level: 6, isLast: false, sequence: sequence,
            sink: output, pool: pool)
        job.output = bytes
        job.failure = failure
        return job
    }

    @Test func blocksDeliveredOutOfOrderAreWrittenInOrder() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/out"
            let output = try SinkOutput(path: path, level: 6, framesBlocks: false)
            output.deliver(block(2, [2, 2], to: output))
            #expect(output.delivered == 0, "block 2 waits for blocks 0 and 1")
            output.deliver(block(0, [0], to: output))
            #expect(output.delivered == 1)
            output.deliver(block(1, [1, 1, 1], to: output))
            #expect(output.delivered == 3)
            let written = try output.finish()
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([0, 1, 1, 1, 2, 2]))
            #expect(written == WrittenFile(bytes: 6, sha256: try Shell.sha256sum(path)))
        }
    }

    @Test func anOwnerWaitingForItsBlocksResumesWhenTheLastOneIsWritten() async throws {
        try await withTemporaryDirectory { directory in
            let output = try SinkOutput(path: directory + "/out", level: 6, framesBlocks: false)
            let resumed = Flag()
            let owner = Task {
                await output.waitForDelivery(of: 2)
                resumed.set()
            }
            try await waitUntil("the owner waits") { output.isAwaited }
            output.deliver(block(1, [1], to: output))
            #expect(output.isAwaited, "block 1 cannot be written before block 0")
            #expect(!resumed.isSet)
            output.deliver(block(0, [0], to: output))
            await owner.value
            #expect(resumed.isSet)
            #expect(!output.isAwaited)
        }
    }

    @Test func anOwnerAskingForWhatIsAlreadyWrittenGoesOnAtOnce() async throws {
        try await withTemporaryDirectory { directory in
            let output = try SinkOutput(path: directory + "/out", level: 6, framesBlocks: false)
            output.deliver(block(0, [0], to: output))
            await output.waitForDelivery(of: 1)
            #expect(!output.isAwaited)
        }
    }

    /// A failed block fails the sink naming the file; later blocks are dropped but still counted,
    /// so an owner waiting for them is not left waiting.
    @Test func aFailedBlockFailsTheSinkAndLaterBlocksAreDropped() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/out"
            let output = try SinkOutput(path: path, level: 6, framesBlocks: false)
            output.deliver(block(0, [0], to: output))
            output.deliver(block(1, [], to: output, failure: -2))
            output.deliver(block(2, [2], to: output))
            #expect(output.delivered == 3)
            let error = try #require(throws: FlatExportError.self) { try output.check() }
            #expect(error.code == .compressionFailed)
            #expect(error.path == path)
            #expect(error.description.contains("deflate status -2"))
            #expect(throws: FlatExportError.self) { _ = try output.finish() }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([0]))
        }
    }

    /// zlib's raw blocks get the member's header before the first and, with the trailer, make a
    /// gzip file.
    @Test func rawBlocksAreFramedAsOneGzipMember() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/out.gz"
            let output = try SinkOutput(path: path, level: 6, framesBlocks: true)
            // A stored deflate block with the final bit: "hi".
            let job = block(0, [0x01, 0x02, 0x00, 0xFD, 0xFF, 0x68, 0x69], to: output, inputCount: 2)
            job.crc = 0xD893_2AAC  // crc32("hi")
            output.deliver(job)
            try output.writeTrailer()
            _ = try output.finish()
            #expect(try Shell.gunzip(path) == Data("hi".utf8))
        }
    }
}
