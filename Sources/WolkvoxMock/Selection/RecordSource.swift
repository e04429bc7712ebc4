import WolkvoxAPI

/// The rows of a records answer, each built only when it is about to be sent: a computed list
/// (`cdr_6`), a cursor over the hour buckets, or gathered rows (see `RowPlan`).
struct RecordSource {
    private var list: [RawRecord] = []
    private var rows: [RowRef] = []
    private var index = 0
    private var cursor: RecordCursor?
    private let dataset: MockDataset?
    private let report: String

    /// `cdr_6`'s counts: a handful of rows with no time, sent as computed whatever the settings.
    init(list: [RawRecord]) {
        self.list = list
        dataset = nil
        report = ""
    }

    /// - Parameters:
    ///   - total: the window's rows (`MockDataset.count`).
    ///   - seed: `MockConfiguration.selectionSeed`.
    init(dataset: MockDataset, report: String, window: Window, total: Int, plan: RowPlan, seed: UInt64) {
        self.dataset = dataset
        self.report = report
        switch plan {
        case .stream(let walk, let kept):
            cursor = RecordCursor(dataset: dataset, report: report, window: window, walk: walk, kept: kept, total: total)
        case .gather(let kept, let order):
            switch kept {
            case .positions(let range):
                var cursor = RecordCursor(dataset: dataset, report: report, window: window, kept: range, total: total)
                rows.reserveCapacity(range?.count ?? total)
                while let row = cursor.nextRow() { rows.append(row) }
            case .byLot(let keep):
                rows = dataset.arbitraryRows(report, in: window, total: total, keep: keep, seed: seed)
            }
            Self.arrange(&rows, order, seed: SeededGenerator.mix(
                seed, SeededGenerator.tag(report), 0x5F,
                UInt64(bitPattern: Int64(window.start.naiveSeconds)), UInt64(bitPattern: Int64(window.end.naiveSeconds))))
        }
    }

    mutating func next() -> RawRecord? {
        if cursor != nil { return cursor?.next() }
        if let dataset {
            guard index < rows.count else { return nil }
            index += 1
            return dataset.record(report, rows[index - 1])
        }
        guard index < list.count else { return nil }
        index += 1
        return list[index - 1]
    }

    /// Puts rows gathered newest first in `order`; `.shuffled` draws from `seed`, so the same
    /// query sends the same permutation.
    static func arrange(_ rows: inout [RowRef], _ order: MockRowOrder, seed: UInt64) {
        switch order {
        case .newestFirst:
            break
        case .oldestFirst:
            rows.reverse()
        case .shuffledWithinHours:
            rows.sort { $0.bucket != $1.bucket ? $0.bucket > $1.bucket : $0.rank > $1.rank }
        case .shuffled:
            var rng = SeededGenerator(seed: seed)
            // Fisher-Yates with the generator pinned by SeededGenerator, not the standard
            // library's shuffle, whose use of the generator may change between versions.
            var i = rows.count - 1
            while i > 0 {
                rows.swapAt(i, rng.below(i + 1))
                i -= 1
            }
        }
    }
}
