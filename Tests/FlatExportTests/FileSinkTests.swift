import FlatExport
import Foundation
import Testing

struct FileSinkTests {
    enum Size: String, CaseIterable { case empty, small, multiMegabyte }

    /// Text-like bytes that compress, but not to nothing: a varied pseudo-random record stream.
    static func payload(_ size: Size) -> [UInt8] {
        switch size {
        case .empty: return []
        case .small: return Array("{\"a\":\"ñ 😀\"}\n".utf8)
        case .multiMegabyte:
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            var bytes: [UInt8] = []
            bytes.reserveCapacity(3_200_000)
            while bytes.count < 3_000_000 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(contentsOf: Array("{\"id\":\"\(state >> 40)\",\"n\":\(state % 997),\"t\":\"x\(state >> 50)\"}\n".utf8))
            }
            return bytes
        }
    }

    private func write(
        _ bytes: [UInt8], to path: String, compression: FlatCompression, level: Int, engine: GzipEngine = .zlib
    ) async throws -> SinkSummary {
        let sink = try FileSink(path: path, compression: compression, gzipLevel: level, engine: engine)
        // Uneven slices exercise chunk boundaries.
        var offset = 0
        var step = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            try await sink.write(Array(bytes[offset..<end]))
            offset = end
            step = step * 3 % 150_001 + 1
        }
        return try await sink.finish()
    }

    @Test(arguments: Size.allCases, [0, 1, 6, 9])
    func gzipFilePassesGzipTestAndDecompressesToTheInput(size: Size, level: Int) async throws {
        for engine in GzipEngine.available {
            try await withTemporaryDirectory { directory in
                let path = directory + "/data.ndjson.gz"
                let input = Self.payload(size)
                let summary = try await write(input, to: path, compression: .gzip, level: level, engine: engine)
                #expect(try Shell.run(["gzip", "-t", path]).status == 0, "\(engine)")
                #expect(try Shell.gunzip(path) == Data(input), "\(engine)")
                #expect(summary.inputBytes == input.count)
                #expect(summary.bytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
                #expect(summary.sha256 == (try Shell.sha256sum(path)))
            }
        }
    }

    /// libdeflate writes one member per block; Python's gzip module (what pandas uses) must read
    /// them as one stream, as `gzip` does.
    @Test(.enabled(if: GzipEngine.libdeflate.isAvailable && Shell.isAvailable("python3")))
    func libdeflateMembersReadAsOneStreamInPython() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/data.ndjson.gz"
            let input = Self.payload(.multiMegabyte)
            _ = try await write(input, to: path, compression: .gzip, level: 6, engine: .libdeflate)
            let lines = String(input.count { $0 == UInt8(ascii: "\n") })
            let python = "import gzip,sys; sys.stdout.write(str(len(gzip.open(sys.argv[1]).read().splitlines())))"
            #expect(try Shell.run(["python3", "-c", python, path]).text == lines)
        }
    }

    /// The same for DuckDB's reader, where its Python package is installed (.ci/run installs it).
    @Test(.enabled(if: GzipEngine.libdeflate.isAvailable && Shell.pythonImports("duckdb")))
    func libdeflateMembersReadAsOneStreamInDuckDB() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/data.ndjson.gz"
            let input = Self.payload(.multiMegabyte)
            _ = try await write(input, to: path, compression: .gzip, level: 6, engine: .libdeflate)
            let lines = String(input.count { $0 == UInt8(ascii: "\n") })
            let duckdb = """
                import sys, duckdb
                n = duckdb.sql(f"select count(*) from read_json('{sys.argv[1]}', format='newline_delimited')").fetchall()[0][0]
                sys.stdout.write(str(n))
                """
            let counted = try Shell.run(["python3", "-c", duckdb, path])
            #expect(counted.status == 0)
            #expect(counted.text == lines, "DuckDB counted \(counted.text) rows")
        }
    }

    /// zlib's blocks join into one member; libdeflate's are a member each, 512 KB of input apiece.
    @Test(.enabled(if: Shell.isAvailable("python3")), arguments: GzipEngine.available)
    func gzipMembersFollowTheEngine(engine: GzipEngine) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/data.ndjson.gz"
            let input = Self.payload(.multiMegabyte)
            _ = try await write(input, to: path, compression: .gzip, level: 6, engine: engine)
            let script = """
                import sys, zlib
                data, members = open(sys.argv[1], 'rb').read(), 0
                while data:
                    d = zlib.decompressobj(31); d.decompress(data); data = d.unused_data; members += 1
                sys.stdout.write(str(members))
                """
            let members = try Shell.run(["python3", "-c", script, path]).text
            let expected = engine == .zlib ? 1 : (input.count + (512 << 10) - 1) / (512 << 10)
            #expect(members == String(expected))
        }
    }

    @Test func libdeflateFilesAreNoLargerThanZlibsAtTheSameLevel() async throws {
        try #require(GzipEngine.libdeflate.isAvailable, "libdeflate0 is not installed")
        try await withTemporaryDirectory { directory in
            let input = Self.payload(.multiMegabyte)
            let zlib = try await write(input, to: directory + "/z.gz", compression: .gzip, level: 6, engine: .zlib)
            let libdeflate = try await write(input, to: directory + "/l.gz", compression: .gzip, level: 6, engine: .libdeflate)
            // Within 2 %: members start with an empty window, libdeflate parses better.
            #expect(Double(libdeflate.bytes) <= Double(zlib.bytes) * 1.02, "\(libdeflate.bytes) vs \(zlib.bytes)")
        }
    }

    @Test(arguments: [1, 6, 9])
    func gzipFileFromTheDefaultEngineDecompressesToTheInput(level: Int) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/data.ndjson.gz"
            let input = Self.payload(.multiMegabyte)
            let summary = try await write(input, to: path, compression: .gzip, level: level, engine: .preferred)
            #expect(try Shell.run(["gzip", "-t", path]).status == 0)
            #expect(try Shell.gunzip(path) == Data(input))
            #expect(summary.inputBytes == input.count)
            #expect(summary.bytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
            #expect(summary.sha256 == (try Shell.sha256sum(path)))
        }
    }

    @Test(arguments: GzipEngine.available)
    func higherLevelsDoNotProduceLargerFilesOnText(engine: GzipEngine) async throws {
        try await withTemporaryDirectory { directory in
            let input = Self.payload(.multiMegabyte)
            let fast = try await write(input, to: directory + "/1.gz", compression: .gzip, level: 1, engine: engine)
            let best = try await write(input, to: directory + "/9.gz", compression: .gzip, level: 9, engine: engine)
            #expect(best.bytes <= fast.bytes)
            #expect(fast.bytes < input.count / 2)
        }
    }

    /// Blocks are deflated on several threads; a re-landed day is left untouched only if the
    /// same rows always make the same bytes, whatever the timing.
    @Test(arguments: GzipEngine.available)
    func gzipBytesDependOnlyOnTheInput(engine: GzipEngine) async throws {
        try await withTemporaryDirectory { directory in
            let input = Self.payload(.multiMegabyte)
            let first = try await write(input, to: directory + "/a.gz", compression: .gzip, level: 6, engine: engine)
            let second = try await write(input, to: directory + "/b.gz", compression: .gzip, level: 6, engine: engine)
            #expect(first.sha256 == second.sha256)
            #expect(first.bytes == second.bytes)
        }
    }

    @Test func noCompressionWritesTheBytesVerbatim() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/data.ndjson"
            let input = Self.payload(.multiMegabyte)
            let summary = try await write(input, to: path, compression: .none, level: 6)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(input))
            #expect(summary.bytes == input.count)
            #expect(summary.sha256 == (try Shell.sha256sum(path)))
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full to simulate ENOSPC"))
    func fullDiskIsReportedAsDiskFullNamingThePath() async throws {
        let sink = try FileSink(path: "/dev/full", compression: .none)
        let error = try await #require(throws: FlatExportError.self) {
            for _ in 0..<4 { try await sink.write([UInt8](repeating: 65, count: 64 * 1024)) }
            _ = try await sink.finish()
        }
        #expect(error.code == .diskFull)
        #expect(error.path == "/dev/full")
        #expect(error.errno == ENOSPC)
        #expect(error.description.hasPrefix("diskFull: disk full while writing /dev/full"))
        #expect(error.description.contains("(errno \(ENOSPC): "))
    }

    @Test func rejectsALevelOutsideZeroToNine() async throws {
        try withTemporaryDirectory { directory in
            let error = try #require(throws: FlatExportError.self) {
                _ = try FileSink(path: directory + "/x.gz", compression: .gzip, gzipLevel: 11)
            }
            #expect(error.code == .invalidArgument)
        }
    }
}
