import Benchmark
import FlatExport
import Foundation
import WolkvoxAPI
import WolkvoxETL

/// The whole landing of one response held in memory: parse -> type into NDJSON lines -> gzip ->
/// day files, committed as `dt=YYYY-MM-DD` folders in a temporary root.
///
/// Sequential and in one task, so it measures the per-row cost of the stages together (what
/// the tool spends per row on one core), not the runner's scheduling.
enum PipelineBenchmarks {
    static func register(configuration: Benchmark.Configuration) {
        for sample in [Inputs.cdr1, Inputs.chat4] {
            Benchmark("pipeline bytes -> day files (\(sample.label))", configuration: configuration) { benchmark async throws in
                for _ in benchmark.scaledIterations {
                    let root = Inputs.temporaryFolder("pipeline")
                    defer { try? FileManager.default.removeItem(atPath: root) }
                    blackHole(try await land(sample, root: root))
                }
            }
        }
    }

    /// Lands the sample's body under `root`; returns the rows landed.
    static func land(_ sample: Inputs.Sample, root: String) async throws -> Int {
        let store = try DayPartitionStore(
            .init(root: root, dataset: sample.report.name, schema: sample.transformer.schema, stagingRoot: root + "/_staging",
                  gzipLevel: 6))
        var days: [LocalDay: (day: StagedDay, segment: SegmentWriter)] = [:]
        var parser = ResponseParser()
        let transformer = sample.transformer
        var cells = CellWriter(schema: transformer.schema, formats: [.ndjson])
        var scratch = ByteBuilder(capacity: 64)
        defer {
            cells.release()
            scratch.release()
        }
        var slots: [Int] = []
        func segment(for day: LocalDay) throws -> SegmentWriter {
            if let open = days[day] { return open.segment }
            let staged = try store.openDay(partition: day.description, runID: "bench")
            let segment = try staged.openSegment(id: "w0")
            days[day] = (staged, segment)
            return segment
        }
        // The parser hands over each chunk's records at once, typed as the run types them
        // (straight from the bytes, or through the string path when they must), and the
        // writers hand full blocks to the pool after each record, as the run's writers do.
        do {
            var offset = 0
            while offset < sample.body.count {
                let end = min(offset + StageBenchmarks.chunk, sample.body.count)
                var batch = RecordBatch()
                try sample.body.withUnsafeBytes { bytes in
                    try parser.consume(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), into: &batch)
                }
                offset = end
                while slots.count < batch.names.count { slots.append(transformer.slot(named: batch.names[slots.count])) }
                for index in 0..<batch.count {
                    let writer: SegmentWriter
                    if transformer.writesCells,
                        case .row(let time?, let lines) = transformer.writeCells(batch, record: index, slots: slots, into: &cells, scratch: &scratch)
                    {
                        writer = try segment(for: time.day)
                        try writer.stage(lines: lines)
                    } else if case .row(let row, let time?, let extras) = transformer.transform(batch.record(at: index)) {
                        writer = try segment(for: time.day)
                        try writer.stage(row, extras: extras)
                    } else {
                        continue
                    }
                    if writer.hasReadyBlocks { try await writer.handOff() }
                }
            }
            _ = try parser.finish()
            var rows = 0
            for (_, open) in days.sorted(by: { $0.key < $1.key }) {
                rows += try await open.segment.finish().rows
                try open.day.commit(segmentOrder: ["w0"], windows: ["bench"], runID: "bench")
            }
            return rows
        } catch {
            for open in days.values { open.day.abandon() }
            throw error
        }
    }
}
