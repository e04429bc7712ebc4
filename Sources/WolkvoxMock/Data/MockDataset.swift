package import WolkvoxAPI

/// The mock's ground truth: every record the fake API holds, generated lazily per
/// (report, day, hour) bucket from the seed, so no history is ever held in memory.
///
/// Tests compare what the tool landed with these records; the server streams exactly them.
package struct MockDataset: Sendable {
    package let seed: UInt64
    package let configuration: MockDatasetConfiguration

    package init(seed: UInt64, configuration: MockDatasetConfiguration = .init()) {
        self.seed = seed
        self.configuration = configuration
    }

    /// Ground truth: every record the API holds for `report` in the inclusive window, newest
    /// first, exactly as the server sends them by default (all values strings), before the cut at
    /// the cap (see `MockCapKeeps`, `MockRowOrder` for the others). For `cdr_6`, the counts by result of the window's unconnected outbound calls.
    package func records(report: ReportSpec, in window: Window) -> [RawRecord] {
        if report.name == ReportCatalog.cdr6.name { return aggregatedByResult(in: window) }
        if let computed = computedRecords(report: report, in: window) { return computed }
        var cursor = RecordCursor(dataset: self, report: report.name, window: window)
        var result: [RawRecord] = []
        while let record = cursor.next() { result.append(record) }
        return result
    }

    /// How many records `records(report:in:)` returns, without building them.
    package func count(report: ReportSpec, in window: Window) -> Int {
        if report.name == ReportCatalog.cdr6.name { return resultCounts(in: window).count }
        if let computed = computedRecords(report: report, in: window) { return computed.count }
        guard generates(report.name) else { return 0 }
        var total = 0
        forEachBucket(in: window) { bucket, first, last in
            let n = rowCount(report.name, bucket: bucket)
            guard n > 0 else { return }
            if first == 0 && last == 3599 {
                total += n
            } else {
                for offset in offsets(report.name, bucket: bucket, count: n)
                where Int(offset) >= first && Int(offset) <= last {
                    total += 1
                }
            }
        }
        return total
    }

    /// `calls_last_10` as the real-time endpoint answers at `now`: the calls in
    /// `[now - 10 min, now]`, newest first.
    package func snapshot(at now: LocalDateTime) -> [RawRecord] {
        records(report: ReportCatalog.callsLast10, in: Self.snapshotWindow(at: now))
    }

    /// The window `calls_last_10` covers at `now`.
    package static func snapshotWindow(at now: LocalDateTime) -> Window {
        Window(start: now.adding(seconds: -600), end: now)
    }

    /// Whether the hour buckets hold rows of the report (the five first reports, and
    /// timestamped catalog reports).
    func generates(_ report: String) -> Bool {
        RecordFactory.fieldOrder(report) != nil
    }

    /// Calls `body(bucket, firstSecond, lastSecond)` for each hour bucket the window touches,
    /// newest first, with the seconds of the hour (0...3599) that lie inside the window.
    func forEachBucket(in window: Window, _ body: (Int, Int, Int) -> Void) {
        let start = window.start.naiveSeconds
        let end = window.end.naiveSeconds
        var bucket = Self.floorDiv(end, 3600)
        let firstBucket = Self.floorDiv(start, 3600)
        while bucket >= firstBucket {
            let base = bucket * 3600
            body(bucket, max(start - base, 0), min(end - base, 3599))
            bucket -= 1
        }
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }
}
