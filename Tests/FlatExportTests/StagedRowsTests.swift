import FlatExport
import Testing

/// A writer stages rows without suspending and hands full blocks to the deflate pool after each
/// record: nothing reaches the pool before the hand-off, and the files are the bytes `append`
/// writes.
struct StagedRowsTests {
    typealias F = StoreFixture

    @Test(arguments: GzipEngine.available)
    func stagedBlocksWaitForTheHandOffAndThenGiveTheSameBytes(engine: GzipEngine) async throws {
        try await withTemporaryDirectory { (directory: String) in
            let pool = DeflatePool(engine: engine, workers: 2)
            let input = FileSinkTests.payload(.multiMegabyte)
            let written = try await DeflatePoolTests.gzip(input, to: directory + "/written.gz", pool: pool, parkEvery: input.count)

            let output = try SinkOutput(path: directory + "/staged.gz", level: 6, framesBlocks: pool.engine == .zlib)
            let blocks = GzipBlocks(level: 6, output: output, pool: pool)
            let firstRow = pool.blockSize + pool.blockSize / 2
            Self.stage(input, 0..<firstRow, into: blocks)
            // A row over a block long fills one: it waits, and no block has reached a lane.
            #expect(blocks.hasReadyBlocks)
            #expect(output.delivered == 0)
            try await blocks.handOff()
            #expect(!blocks.hasReadyBlocks)
            var offset = firstRow
            while offset < input.count {
                let end = min(input.count, offset + 1 + offset % 9_973)
                Self.stage(input, offset..<end, into: blocks)
                try await blocks.handOff()
                offset = end
            }
            blocks.stagePark()
            try await blocks.finish()
            let staged = try output.finish()
            #expect(staged == written)
            #expect(Array(try Shell.gunzip(directory + "/staged.gz")) == input)
        }
    }

    static func stage(_ input: [UInt8], _ range: Range<Int>, into blocks: GzipBlocks) {
        _ = input.withUnsafeBytes { bytes in blocks.stage(UnsafeRawBufferPointer(rebasing: bytes[range])) }
    }

    @Test func filesRolledOverWhileStagingKeepTheirOrderAndRows() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root, formats: [.ndjson, .csv], maxRecordsPerFile: 1)
            let day = try store.openDay(partition: F.day, runID: "r")
            let segment = try day.openSegment(id: "w")
            // Three rows staged before one hand-off: one record exploded into three rows.
            for id in 0..<3 { try segment.stage(F.row(id)) }
            #expect(segment.hasReadyBlocks)
            try await segment.handOff()
            try segment.stage(F.row(3))
            try await segment.finish()
            let manifest = try day.commit(segmentOrder: ["w"], windows: [], runID: "r")
            #expect(manifest.files.map(\.rows) == [1, 1, 1, 1, 1, 1, 1, 1])
            #expect(try F.landedIDs(store) == [0, 1, 2, 3])
        }
    }

    @Test func stagedLinesSayWhenAHandOffIsOwedAndLandAsRows() async throws {
        try await withTemporaryDirectory { root in
            let store = try F.store(root: root, formats: [.ndjson, .csv], maxRecordsPerFile: 30_000)
            let day = try store.openDay(partition: F.day, runID: "r")
            let segment = try day.openSegment(id: "w")
            var cells = CellWriter(schema: F.schema, formats: [.ndjson, .csv])
            defer { cells.release() }
            var owed = 0
            for id in 0..<50_000 {
                cells.begin()
                Array(String(id).utf8).withUnsafeBufferPointer { cells.number($0) }
                Array("name, \"\(id)\"\n".utf8).withUnsafeBufferPointer { cells.text($0) }
                cells.finish()
                let said = try segment.stage(lines: cells.lines)
                // What the writer says is what it would answer if asked.
                #expect(said == segment.hasReadyBlocks)
                if said {
                    owed += 1
                    try await segment.handOff()
                }
            }
            // Blocks filled, and a file was rolled over at 30,000 rows.
            #expect(owed > 1)
            try await segment.finish()
            let manifest = try day.commit(segmentOrder: ["w"], windows: [], runID: "r")
            #expect(manifest.files.map(\.rows) == [30_000, 20_000, 30_000, 20_000])
            #expect(try F.landedIDs(store) == Array(0..<50_000))
        }
    }
}
