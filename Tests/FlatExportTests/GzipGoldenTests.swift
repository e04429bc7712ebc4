import FlatExport
import Testing

/// The gzip bytes of a fixed input are pinned: the digests below were written by the pool as it
/// was before writers suspended instead of blocking (commit ee994da, its blocking `FileSink` fed
/// the same slices and parks), so a change of the pool's machinery that changed a single byte
/// fails here.
struct GzipGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var engine: GzipEngine
        var level: Int
        /// Input offsets after which the stream is parked (a writer moving to another day).
        var parks: [Int]
        var sha256: String
        var testDescription: String { "\(engine) -\(level) parks \(parks)" }
    }

    static let cases: [Case] = [
        Case(engine: .zlib, level: 6, parks: [], sha256: "0e2ce5fea8d69700e154c82ef9d9106d7e4981c3a16857f806506fb4d81ee4c1"),
        Case(engine: .zlib, level: 1, parks: [], sha256: "61058d51ab02aa1724f467094f6484acc52f629b1575bebd685fb7d5ffbe6cb9"),
        Case(engine: .zlib, level: 6, parks: [70_000, 1_000_000, 1_000_001, 2_500_000], sha256: "13190f79032ef77fc0760f194c2044dadcd7438ffc22eb214cef2fe2b5ddcb4b"),
        Case(engine: .libdeflate, level: 6, parks: [], sha256: "107f2e0cdf5e6d2b35817fc6b67d06e3b77151407fe8f5e96592b067a6a00386"),
        Case(engine: .libdeflate, level: 9, parks: [], sha256: "062f6541bfc89f323a39d5a218b8d6c9cabeb046fc06284c8c6c750feed3fd03"),
        Case(engine: .libdeflate, level: 6, parks: [70_000, 1_000_000, 1_000_001, 2_500_000], sha256: "86476b8f4a698a35e9e6be7821d15b3aefc1542d5a0ad82e7c55b02cf0fbd473"),
    ]

    @Test(arguments: cases)
    func gzipBytesMatchThoseOfThePoolBeforeTheRewrite(_ golden: Case) async throws {
        try #require(golden.engine.isAvailable, "\(golden.engine) is not installed")
        try await withTemporaryDirectory { directory in
            let path = directory + "/golden.ndjson.gz"
            let input = FileSinkTests.payload(.multiMegabyte)
            let sink = try FileSink(path: path, compression: .gzip, gzipLevel: golden.level, engine: golden.engine)
            var offset = 0
            for end in golden.parks + [input.count] {
                // Uneven slices, as rows come.
                while offset < end {
                    let next = min(end, offset + 1 + offset % 9_973)
                    try await sink.write(Array(input[offset..<next]))
                    offset = next
                }
                try await sink.park()
            }
            let summary = try await sink.finish()
            #expect(summary.sha256 == golden.sha256, "\(golden.testDescription): \(summary.bytes) bytes")
        }
    }
}
