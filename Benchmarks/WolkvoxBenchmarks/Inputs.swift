import FlatExport
import Foundation
import WolkvoxAPI
import WolkvoxETL
import WolkvoxMock

/// The benchmarks' inputs, made once per process with the mock's own generator (the bytes the
/// mock server sends), before any measured iteration (`Benchmark`'s setup hooks touch them).
enum Inputs {
    /// The mock's default dataset (seed 1): about 2,750 cdr_1 rows a weekday, 2% of chat bodies ~10 KB.
    static let dataset = MockDataset(seed: 1)
    static let bogota = TimeZone(identifier: "America/Bogota")!

    /// Two working weeks of cdr_1 in one response (about 26,000 rows, 13 MB): under the 60,000 cap.
    static let cdr1Window = Window(
        days: LocalDay(year: 2025, month: 1, day: 6), through: LocalDay(year: 2025, month: 1, day: 17))
    /// A month of chat_4 in one response, long bodies included.
    static let chat4Window = Window(
        days: LocalDay(year: 2025, month: 1, day: 1), through: LocalDay(year: 2025, month: 1, day: 31))

    static let cdr1 = Sample(report: ReportCatalog.cdr1, window: cdr1Window)
    static let chat4 = Sample(report: ReportCatalog.chat4, window: chat4Window)

    /// One report's response bytes and every stage's output, so each stage is measured alone.
    struct Sample: Sendable {
        let report: ReportSpec
        let body: [UInt8]
        let records: [RawRecord]
        /// The whole body's records as one batch.
        let batch: RecordBatch
        let transformer: RecordTransformer
        let rows: [FlatRow]
        let ndjson: [UInt8]

        init(report: ReportSpec, window: Window) {
            self.report = report
            guard let body = Inputs.dataset.responseBody(report: report, window: window) else {
                fatalError("the mock has no \(report.name) rows in \(window)")
            }
            self.body = body
            var parser = ResponseParser()
            var batch = RecordBatch()
            do {
                try parser.consume(body, into: &batch)
                _ = try parser.finish()
            } catch {
                fatalError("the mock's own \(report.name) body does not parse: \(error)")
            }
            self.batch = batch
            self.records = batch.records
            transformer = RecordTransformer(report: report, transform: .init(), timeZone: Inputs.bogota)
            rows = records.compactMap { [transformer] record in
                if case .row(let row, _, _) = transformer.transform(record) { return row }
                return nil
            }
            var ndjson: [UInt8] = []
            let encoder = NDJSONRowEncoder(schema: transformer.schema)
            for row in rows { encoder.encode(row, into: &ndjson) }
            self.ndjson = ndjson
        }

        /// For benchmark names: `cdr_1, 25,842 rows, 12.9 MB`.
        var label: String {
            "\(report.name), \(records.count) rows, \(Inputs.megabytes(body.count)) MB JSON"
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }

    /// A fresh empty folder under the system's temporary directory.
    static func temporaryFolder(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("wolkvox-bench-\(name)-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
