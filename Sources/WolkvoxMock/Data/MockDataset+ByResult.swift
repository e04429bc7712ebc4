import WolkvoxAPI

/// `cdr_6`: unconnected outbound calls counted by result over the requested window.
///
/// The calls are a hidden stream of timestamped events (weekday volume `cdr_6`), so the counts
/// of any window are the sums of the counts of its pieces.
extension MockDataset {
    /// The results as the API spells them: the case varies and each spelling is its own group.
    static let unconnectedResults: [(String, Int)] = [
        ("BUSY", 20), ("busy", 6), ("NOANSWER", 40), ("congestion", 8), ("cancel", 18), ("chanunavail", 8),
    ]

    /// (result, count) for results with at least one call, most frequent first (ties in table order).
    func resultCounts(in window: Window) -> [(String, Int)] {
        let report = ReportCatalog.cdr6.name
        var counts = [Int](repeating: 0, count: Self.unconnectedResults.count)
        forEachBucket(in: window) { bucket, first, last in
            let n = rowCount(report, bucket: bucket)
            guard n > 0 else { return }
            let offsets = offsets(report, bucket: bucket, count: n)
            for rank in 0..<n where Int(offsets[rank]) >= first && Int(offsets[rank]) <= last {
                var rng = rowGenerator(report, bucket: bucket, rank: rank)
                counts[Self.resultIndex(&rng)] += 1
            }
        }
        return counts.indices
            .filter { counts[$0] > 0 }
            .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            .map { (Self.unconnectedResults[$0].0, counts[$0]) }
    }

    func aggregatedByResult(in window: Window) -> [RawRecord] {
        resultCounts(in: window).map { result, count in
            RawRecord(fields: [.init(name: "result", value: result), .init(name: "count", value: String(count))])
        }
    }

    static func resultIndex(_ rng: inout SeededGenerator) -> Int {
        let total = unconnectedResults.reduce(0) { $0 + $1.1 }
        var roll = rng.below(total)
        for (i, entry) in unconnectedResults.enumerated() {
            if roll < entry.1 { return i }
            roll -= entry.1
        }
        return unconnectedResults.count - 1
    }
}
