import Benchmark
import Foundation
import FlatExport
import WolkvoxAPI
import WolkvoxETL

/// One benchmark per stage of the hot path, each on the previous stage's output.
enum StageBenchmarks {
    static let chunk = 64 << 10

    static func register(configuration: Benchmark.Configuration) {
        for sample in [Inputs.cdr1, Inputs.chat4] {
            Benchmark("parse (\(sample.label))", configuration: configuration) { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try parse(sample.body)) }
            }
            Benchmark("type into NDJSON lines (\(sample.report.name), \(sample.records.count) records)", configuration: configuration) { benchmark in
                for _ in benchmark.scaledIterations { blackHole(typeIntoLines(sample)) }
            }
        }
        let sample = Inputs.cdr1
        Benchmark("NDJSON encode (\(sample.report.name), \(sample.rows.count) rows)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(encodeNDJSON(sample)) }
        }
        Benchmark("CSV encode (\(sample.report.name), \(sample.rows.count) rows)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(encodeCSV(sample)) }
        }
        for engine in GzipEngine.available {
            Benchmark(
                "gzip -6 via FileSink, \(engine) (\(sample.report.name) NDJSON, \(Inputs.megabytes(sample.ndjson.count)) MB)",
                configuration: configuration
            ) { benchmark async throws in
                let folder = Inputs.temporaryFolder("gzip")
                defer { try? FileManager.default.removeItem(atPath: folder) }
                for _ in benchmark.scaledIterations {
                    blackHole(try await gzip(sample.ndjson, to: folder + "/part.ndjson.gz", engine: engine))
                }
            }
        }
    }

    /// Feeds the body in 64 KB chunks, as the HTTP client hands it over, into record batches.
    static func parse(_ body: [UInt8]) throws -> Int {
        var parser = ResponseParser()
        var fields = 0
        try body.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + chunk, bytes.count)
                var batch = RecordBatch()
                try parser.consume(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), into: &batch)
                fields += batch.fields.count
                offset = end
            }
        }
        _ = try parser.finish()
        return fields
    }

    /// Types every record as the run does: straight from the batch's bytes into its NDJSON line,
    /// or through the string path when it must.
    static func typeIntoLines(_ sample: Inputs.Sample) -> Int {
        let transformer = sample.transformer
        var cells = CellWriter(schema: transformer.schema, formats: [.ndjson])
        var scratch = ByteBuilder(capacity: 64)
        defer {
            cells.release()
            scratch.release()
        }
        let slots = sample.batch.names.map(transformer.slot(named:))
        var rows = 0
        for index in 0..<sample.batch.count {
            if transformer.writesCells,
                case .row = transformer.writeCells(sample.batch, record: index, slots: slots, into: &cells, scratch: &scratch)
            {
                rows += 1
            } else if case .row = transformer.transform(sample.batch.record(at: index)) {
                rows += 1
            }
        }
        return rows
    }

    static func encodeNDJSON(_ sample: Inputs.Sample) -> Int {
        let encoder = NDJSONRowEncoder(schema: sample.transformer.schema)
        return encodeInChunks(sample.rows) { encoder.encode($0, into: &$1) }
    }

    static func encodeCSV(_ sample: Inputs.Sample) -> Int {
        let encoder = CSVRowEncoder(schema: sample.transformer.schema)
        return encodeInChunks(sample.rows, header: { encoder.encodeHeader(into: &$0) }) { encoder.encode($0, into: &$1) }
    }

    /// Encodes into a 64 KB buffer that is emptied when full, as a file writer does.
    static func encodeInChunks(
        _ rows: [FlatRow], header: (inout [UInt8]) -> Void = { _ in }, encode: (FlatRow, inout [UInt8]) -> Void
    ) -> Int {
        var out: [UInt8] = []
        out.reserveCapacity(chunk + (16 << 10))
        header(&out)
        var total = 0
        for row in rows {
            encode(row, &out)
            if out.count >= chunk {
                total += out.count
                out.removeAll(keepingCapacity: true)
            }
        }
        return total + out.count
    }

    /// Compresses at level 6 into a file, as each day part is written.
    static func gzip(_ bytes: [UInt8], to path: String, engine: GzipEngine) async throws -> Int {
        let sink = try FileSink(path: path, compression: .gzip, gzipLevel: 6, engine: engine)
        // In one call: the sink copies the array block by block (its bytes cannot be borrowed
        // across the suspensions), and how the input is sliced does not change the blocks.
        try await sink.write(bytes)
        return try await sink.finish().bytes
    }
}
