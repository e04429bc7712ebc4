import Benchmark
import FlatExport
import Foundation
import WolkvoxAPI
import WolkvoxETL

/// The whole landing of one response held in memory: parse -> transform -> NDJSON -> gzip ->
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
        // The parser hands over each chunk's records at once and the writers await them, as the
        // client does (a writer may suspend while compression is behind).
        var records: [RawRecord] = []
        do {
            var offset = 0
            while offset < sample.body.count {
                let end = min(offset + StageBenchmarks.chunk, sample.body.count)
                try sample.body.withUnsafeBytes { bytes in
                    try parser.consume(UnsafeRawBufferPointer(rebasing: bytes[offset..<end])) { records.append($0) }
                }
                offset = end
                for record in records {
                    guard case .row(let row, let time?, let extras) = transformer.transform(record) else { continue }
                    if let open = days[time.day] {
                        try await open.segment.append(row, extras: extras)
                    } else {
                        let staged = try store.openDay(partition: time.day.description, runID: "bench")
                        let segment = try staged.openSegment(id: "w0")
                        try await segment.append(row, extras: extras)
                        days[time.day] = (staged, segment)
                    }
                }
                records.removeAll(keepingCapacity: true)
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
