import WolkvoxAPI

/// Pulls a dated report's records for a window, newest first (or in another `MockRowOrder`),
/// one hour bucket at a time: memory is one bucket's offsets whatever the window's size.
struct RecordCursor {
    private let dataset: MockDataset
    private let report: String
    private let start: Int
    private let end: Int
    private var bucket: Int
    private let firstBucket: Int
    private var offsets: [Int16] = []
    private var index = 0
    private var lastIndex = -1
    private let order: MockRowOrder
    private let lastBucket: Int
    private var step = 0

    init(dataset: MockDataset, report: String, window: Window, order: MockRowOrder = .newestFirst) {
        self.dataset = dataset
        self.report = report
        self.order = order
        start = window.start.naiveSeconds
        end = window.end.naiveSeconds
        lastBucket = MockDataset.floorDiv(end, 3600)
        firstBucket = MockDataset.floorDiv(start, 3600)
        bucket = order == .oldestFirst ? firstBucket - 1 : lastBucket + 1
        if !dataset.generates(report) { bucket = order == .oldestFirst ? lastBucket : firstBucket }
    }

    /// The next record, or nil once the window is exhausted.
    mutating func next() -> RawRecord? {
        while index + step > lastIndex {
            if order == .oldestFirst {
                guard bucket < lastBucket else { return nil }
                bucket += 1
            } else {
                guard bucket > firstBucket else { return nil }
                bucket -= 1
            }
            loadBucket()
            step = 0
        }
        // Offsets are newest first: the other orders walk a bucket's rows from its end.
        let rank = order == .newestFirst || order == .newestFirstKeepingOldest ? index + step : lastIndex - step
        step += 1
        let time = LocalDateTime(naiveSeconds: bucket * 3600 + Int(offsets[rank]))
        var rng = dataset.rowGenerator(report, bucket: bucket, rank: rank)
        return RecordFactory.make(report, at: time, rng: &rng, configuration: dataset.configuration)
    }

    /// Loads the current bucket and narrows `index...lastIndex` to the rows inside the window.
    private mutating func loadBucket() {
        let count = dataset.rowCount(report, bucket: bucket)
        offsets = dataset.offsets(report, bucket: bucket, count: count)
        let base = bucket * 3600
        let first = max(start - base, 0)
        let last = min(end - base, 3599)
        index = 0
        while index < offsets.count && Int(offsets[index]) > last { index += 1 }
        lastIndex = index - 1
        while lastIndex + 1 < offsets.count && Int(offsets[lastIndex + 1]) >= first { lastIndex += 1 }
    }
}
