import FlatExport
import WolkvoxAPI

/// Routes one attempt's records to per-day segments (rows) and reject segments.
///
/// A response cut at the cap is usable up to its last second when its rows come in time order
/// (the API sends them newest first): the records of the last second it shows may be cut, every
/// other one is whole. So the records of the latest second seen are held back until a record of
/// another second arrives, and `finishTruncated()` drops them and keeps the rest.
///
/// - Important: Used by one task only, for one attempt: `discard()` removes everything it wrote,
///   so an attempt that is retried or split leaves no trace.
final class WindowWriter {
    /// nil for a snapshot report (no range): records are placed by their own day.
    let window: Window?
    let id: String
    /// Keys already landed by the previous snapshot: overlapping polls must not land a record twice.
    let excludeKeys: Set<String>
    private(set) var keys: Set<String> = []
    let report: ReportSpec
    let transformer: RecordTransformer
    let staging: DayStaging
    let rejects: DayStaging
    private var segments: [LocalDay: DayStaging.Segment] = [:]
    private var rejectSegments: [LocalDay: DayStaging.Segment] = [:]
    private var rows = 0
    private var rejected = 0
    private let dayField: String?
    /// Where a snapshot's undatable rejects go: the day of the poll.
    var fallbackDay = LocalDay(year: 1970, month: 1, day: 1)

    /// Records of the latest second seen, not written yet.
    private var held: [Held] = []
    private var heldSecond: Int?
    private var order = TimeOrder()
    /// Rows written per day and hour: the density the state keeps for later plans.
    var hours: [LocalDay: [Int]] {
        guard let day = countingDay else { return finishedHours }
        var all = finishedHours
        all[day] = countingHours
        return all
    }
    // Rows come day by day: the current day's counts and segment are kept at hand rather than
    // looked up per row.
    private var finishedHours: [LocalDay: [Int]] = [:]
    private var countingDay: LocalDay?
    private var countingHours = [Int](repeating: 0, count: 24)
    private var currentSegment: (day: LocalDay, segment: DayStaging.Segment)?
    private var currentBucket: (bucket: Int, count: Int)?
    /// Records seen per hour bucket (naive seconds / 3600), whether written or held.
    private var seenByBucket: [Int: Int] = [:]
    /// The bucket of the last dated record received: where a cut response stopped.
    private var lastSentBucket: Int?
    /// The oldest second of a dated record received.
    private(set) var oldestSeen: Int?

    /// More records than this in one second and the window is no longer kept when cut: holding
    /// them would cost memory for a case the API does not produce.
    static let holdLimit = 5_000

    private enum Held {
        case row(FlatRow, extras: [(String, String)], day: LocalDay, hour: Int)
        case reject(RawRecord, field: String, reason: String, day: LocalDay?)
    }

    init(window: Window?, id: String, report: ReportSpec, transformer: RecordTransformer, staging: DayStaging,
         rejects: DayStaging, excludeKeys: Set<String> = []) {
        self.window = window
        self.id = id
        self.excludeKeys = excludeKeys
        self.report = report
        self.transformer = transformer
        self.staging = staging
        self.rejects = rejects
        if case .field(let name) = report.dayOf { dayField = name } else { dayField = nil }
    }

    func handle(_ record: RawRecord) throws {
        if window == nil {
            let key = report.key.map { record[$0] ?? "" }.joined(separator: "\u{1F}")
            guard !excludeKeys.contains(key), keys.insert(key).inserted else { return }
        }
        switch transformer.transform(record) {
        case .row(let row, let time, let extras):
            guard let time else {
                if let window {
                    order.sawUndated()
                    try write(.row(row, extras: extras, day: window.start.day, hour: 0))
                } else {
                    try writeReject(record, field: "", reason: "the record carries no date to place it in a day", day: nil)
                }
                return
            }
            // A record outside the window would be fetched again by the window that owns it. An
            // API that sends one is not to be trusted with a cut response either.
            if let window, !window.contains(time) {
                order.sawUndated()
                try write(.reject(record, field: dayField ?? "", reason: "dated outside the requested window \(window)", day: time.day))
                return
            }
            try hold(.row(row, extras: extras, day: time.day, hour: time.hour), at: time)
        case .reject(let field, let value, let reason):
            if transformer.onError == .fail {
                throw TransformFailure(field: field, value: value, reason: reason, window: window)
            }
            let time = dayField.flatMap { record[$0] }.flatMap { LocalDateTime(record: $0) }
            let day = time.map(\.day).flatMap { d in (window.map { $0.days.contains(d) } ?? true) ? d : nil }
            if let time, let window, window.contains(time) {
                try hold(.reject(record, field: field, reason: reason, day: day), at: time)
            } else {
                order.sawUndated()
                try write(.reject(record, field: field, reason: reason, day: day))
            }
        }
    }

    /// Holds a dated record with the others of its second; a record of another second first
    /// writes out the held ones, which are then known whole.
    private func hold(_ item: Held, at time: LocalDateTime) throws {
        guard window != nil else { return try write(item) }
        let second = time.naiveSeconds
        let bucket = DensityModel.floorDiv(second, 3600)
        lastSentBucket = bucket
        oldestSeen = min(oldestSeen ?? second, second)
        if currentBucket?.bucket == bucket {
            currentBucket!.count += 1
        } else {
            if let done = currentBucket { seenByBucket[done.bucket, default: 0] += done.count }
            currentBucket = (bucket, 1)
        }
        order.saw(second)
        if second != heldSecond {
            try flushHeld()
            heldSecond = second
        } else if held.count >= Self.holdLimit {
            order.sawTooManyInOneSecond()
            try flushHeld()
        }
        held.append(item)
    }

    private func flushHeld() throws {
        for item in held { try write(item) }
        held.removeAll(keepingCapacity: true)
    }

    private func write(_ item: Held) throws {
        switch item {
        case .row(let row, let extras, let day, let hour):
            try segment(for: day).append(row, extras: extras)
            rows += 1
            if day != countingDay {
                if let done = countingDay { finishedHours[done] = countingHours }
                countingHours = finishedHours[day] ?? [Int](repeating: 0, count: 24)
                countingDay = day
            }
            countingHours[hour] += 1
        case .reject(let record, let field, let reason, let day):
            try writeReject(record, field: field, reason: reason, day: day)
        }
    }

    private func segment(for day: LocalDay) throws -> DayStaging.Segment {
        if let current = currentSegment, current.day == day { return current.segment }
        if let s = segments[day] {
            currentSegment = (day, s)
            return s
        }
        // Rows come day after day: the day left behind holds no buffer while the window's other
        // days are written (a 31-day window keeps every day's files open until it ends). Only on
        // the way to a new day, so rows that go back and forth between two days cost nothing.
        try currentSegment?.segment.park()
        let s = try staging.openSegment(day: day, id: id)
        segments[day] = s
        currentSegment = (day, s)
        return s
    }

    /// Rejects go to the day of the record when it can be told, else to the window's first day.
    private func writeReject(_ record: RawRecord, field: String, reason: String, day: LocalDay?) throws {
        let day = day ?? window?.start.day ?? fallbackDay
        let s: DayStaging.Segment
        if let existing = rejectSegments[day] {
            s = existing
        } else {
            s = try rejects.openSegment(day: day, id: id)
            rejectSegments[day] = s
        }
        try s.append(RejectRecord.row(record: record, field: field, reason: reason, window: window?.description ?? "snapshot"), extras: [])
        rejected += 1
    }

    /// Finishes every segment. Days the window covers but that got no rows still count as
    /// arrived: an empty day is a landed day with zero rows.
    func finish() throws -> (rows: Int, rejects: Int, days: Set<LocalDay>, rejectDays: Set<LocalDay>) {
        try flushHeld()
        for s in segments.values { try s.finish() }
        for s in rejectSegments.values { try s.finish() }
        return (rows, rejected, Set(segments.keys), Set(rejectSegments.keys))
    }

    /// What a response cut at the cap leaves usable.
    enum Truncation {
        /// Rows newest first, as documented: `kept` (from just after the oldest second seen to the
        /// window's end) arrived whole and is finished; the older rest is to be asked again.
        case kept(Window, rows: Int, rejects: Int, days: Set<LocalDay>, rejectDays: Set<LocalDay>)
        /// Every record seen is of one second: that second alone holds the cap.
        case oneSecond(LocalDateTime)
        /// Out of order, undated, or not to be kept: nothing kept (all discarded); the rows seen
        /// per hour bucket (the window's other hours at their mean density) size the next try.
        case discarded(revealed: [Int: Int])
    }

    func finishTruncated(cap: Int, keep: Bool) throws -> Truncation {
        guard let window else {
            discard()
            return .discarded(revealed: [:])
        }
        if let first = order.first, first == order.last, order.isUsable {
            discard()
            return .oneSecond(LocalDateTime(naiveSeconds: first))
        }
        if let done = currentBucket {
            seenByBucket[done.bucket, default: 0] += done.count
            currentBucket = nil
        }
        guard keep, order.isUsable, order.direction == .newestFirst, let boundary = heldSecond else {
            // Hours between the oldest and the newest record shown are as seen; hours outside
            // them may have been cut, so they are taken at the mean density of the shown ones.
            var revealed = seenByBucket
            let seen = seenByBucket.keys
            if let low = seen.min(), let high = seen.max() {
                let mean = Int((Double(seenByBucket.values.reduce(0, +)) / Double(high - low + 1)).rounded(.up))
                for bucket in DensityModel.floorDiv(window.start.naiveSeconds, 3600)...DensityModel.floorDiv(window.end.naiveSeconds, 3600) {
                    revealed[bucket] = (low...high).contains(bucket) ? seenByBucket[bucket, default: 0] : mean
                }
            }
            // Where the response stopped, the hour was seen only in part: at least a cap's worth,
            // so the next window ends before it rather than trip on it again.
            if let stop = lastSentBucket { revealed[stop] = max(revealed[stop] ?? 0, cap) }
            discard()
            return .discarded(revealed: revealed)
        }
        // The held records are those of the boundary second: dropped, it is asked again.
        held.removeAll()
        let kept = Window(start: LocalDateTime(naiveSeconds: boundary + 1), end: window.end)
        let (rows, rejects, days, rejectDays) = try finish()
        return .kept(kept, rows: rows, rejects: rejects, days: days, rejectDays: rejectDays)
    }

    func discard() {
        for s in segments.values { s.discard() }
        for s in rejectSegments.values { s.discard() }
        segments = [:]
        rejectSegments = [:]
        held = []
        finishedHours = [:]
        countingDay = nil
        currentSegment = nil
    }
}
