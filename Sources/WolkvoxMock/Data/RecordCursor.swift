import WolkvoxAPI

/// Pulls a dated report's rows for a window one hour bucket at a time, in one of three walks,
/// passing over without building them the rows a cut does not keep: memory is one bucket's
/// offsets whatever the window's size.
struct RecordCursor {
    /// The orders a walk over the buckets can give without holding more than one of them.
    enum Walk: Hashable {
        case newestFirst
        case oldestFirst
        /// Buckets newest first, the rows of each oldest first.
        case hoursNewestRowsOldest
    }

    private let dataset: MockDataset
    private let report: String
    private let start: Int
    private let end: Int
    private let walk: Walk
    private let kept: Range<Int>?
    private let total: Int
    private var bucket: Int
    private let firstBucket: Int
    private let lastBucket: Int
    private var offsets: [Int16] = []
    private var index = 0
    private var lastIndex = -1
    private var step = 0
    /// Rows of the window in the buckets walked so far.
    private var walked = 0

    /// - Parameters:
    ///   - kept: the rows to yield, by position in the window newest first (0 is the newest);
    ///     nil yields them all.
    ///   - total: the window's rows (`MockDataset.count`); needed only to cut an `.oldestFirst`
    ///     walk, which meets the newest rows last.
    init(dataset: MockDataset, report: String, window: Window, walk: Walk = .newestFirst, kept: Range<Int>? = nil, total: Int? = nil) {
        precondition(kept == nil || walk != .oldestFirst || total != nil, "an oldest-first cut needs the window's total")
        self.dataset = dataset
        self.report = report
        self.walk = walk
        self.kept = kept
        self.total = total ?? 0
        start = window.start.naiveSeconds
        end = window.end.naiveSeconds
        lastBucket = MockDataset.floorDiv(end, 3600)
        firstBucket = MockDataset.floorDiv(start, 3600)
        bucket = walk == .oldestFirst ? firstBucket - 1 : lastBucket + 1
        if !dataset.generates(report) { bucket = walk == .oldestFirst ? lastBucket : firstBucket }
    }

    /// The next record, or nil once the window is exhausted.
    mutating func next() -> RawRecord? {
        nextRow().map { dataset.record(report, $0) }
    }

    /// The next row, or nil once the window is exhausted.
    mutating func nextRow() -> RowRef? {
        while index + step > lastIndex {
            if walk == .oldestFirst {
                guard bucket < lastBucket else { return nil }
                bucket += 1
            } else {
                guard bucket > firstBucket else { return nil }
                bucket -= 1
            }
            loadBucket()
            step = 0
        }
        // Offsets are newest first: the other walks take a bucket's rows from its end.
        let rank = walk == .newestFirst ? index + step : lastIndex - step
        step += 1
        return RowRef(bucket: bucket, rank: rank, offset: offsets[rank])
    }

    /// Narrows `index...lastIndex` to the current bucket's rows inside the window and kept, and
    /// loads its offsets unless none are.
    private mutating func loadBucket() {
        let count = dataset.rowCount(report, bucket: bucket)
        let base = bucket * 3600
        let first = max(start - base, 0)
        let last = min(end - base, 3599)
        var loaded = false
        index = 0
        if first == 0 && last == 3599 {
            // A whole hour: its rows are known without its offsets, which a cut may never need.
            lastIndex = count - 1
        } else {
            offsets = dataset.offsets(report, bucket: bucket, count: count)
            loaded = true
            while index < offsets.count && Int(offsets[index]) > last { index += 1 }
            lastIndex = index - 1
            while lastIndex + 1 < offsets.count && Int(offsets[lastIndex + 1]) >= first { lastIndex += 1 }
        }
        let inWindow = lastIndex - index + 1
        if let kept {
            // Positions newest first: the buckets already walked are the newer ones, except
            // oldest first, where they are the older ones.
            let newer: Int
            if walk == .oldestFirst {
                walked += inWindow
                newer = total - walked
            } else {
                newer = walked
                walked += inWindow
            }
            let from = max(kept.lowerBound, newer)
            let through = min(kept.upperBound, newer + inWindow) - 1
            lastIndex = index + through - newer
            index += from - newer
        }
        if !loaded && index <= lastIndex { offsets = dataset.offsets(report, bucket: bucket, count: count) }
    }
}
