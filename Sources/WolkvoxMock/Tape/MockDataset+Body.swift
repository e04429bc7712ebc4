package import WolkvoxAPI

extension MockDataset {
    /// The whole 200 body the mock server would send for `report` in `window` (cut at `cap`,
    /// newest first, PHP-style escapes by default), built in memory; nil when the window is
    /// empty (the server answers 404).
    ///
    /// For benchmarks: realistic response bytes without a socket. Holds the whole body, so keep
    /// windows modest (a 60,000-row cdr_1 body is about 30 MB).
    package func responseBody(report: ReportSpec, window: Window, cap: Int = 60_000, phpStyleEscapes: Bool = true) -> [UInt8]? {
        let total = count(report: report, in: window)
        guard total > 0 else { return nil }
        let sent = min(total, cap)
        let writer = JSONWriter(phpStyle: phpStyleEscapes)
        var bytes: [UInt8] = []
        writer.writeHead(count: sent, into: &bytes)
        if report.name == ReportCatalog.cdr6.name {
            for (i, record) in aggregatedByResult(in: window).prefix(sent).enumerated() {
                writer.writeRecord(record, first: i == 0, into: &bytes)
            }
        } else {
            var cursor = RecordCursor(dataset: self, report: report.name, window: window)
            var written = 0
            while written < sent, let record = cursor.next() {
                writer.writeRecord(record, first: written == 0, into: &bytes)
                written += 1
            }
        }
        writer.writeTail(into: &bytes)
        return bytes
    }
}
