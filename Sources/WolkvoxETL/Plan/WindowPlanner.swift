public import WolkvoxAPI

/// Sizes the next window to ask for out of a span of seconds still to fetch.
///
/// Windows are taken from the newest end of the span, because the API sends rows newest first:
/// when a response is cut at the cap, what it did send is the newest part, and the rest of the
/// span is exactly what remains to ask (see `FetchSchedule`). A window never touches more than
/// `maxDaysPerRequest` local days; when the density is known it is sized to come back under the
/// cap at the first call, otherwise it takes the widest span the API allows.
public struct WindowPlanner: Sendable {
    public var report: ReportSpec
    public var maxDaysPerRequest: Int
    /// Share of the cap a window is sized to when its density is known: a little room for rows
    /// that arrived after the earlier run counted them.
    public var fill: Double

    public static let defaultFill = 0.95

    public init(report: ReportSpec, maxDaysPerRequest: Int, fill: Double = Self.defaultFill) {
        self.report = report
        self.maxDaysPerRequest = max(1, min(31, maxDaysPerRequest))
        self.fill = fill
    }

    /// The spans of whole days to fetch for a set of days that need not be contiguous (a resumed
    /// run skips the days it already landed): one span per run of consecutive days.
    public func spans(for days: [LocalDay]) -> [Window] { Self.spans(for: days) }

    public static func spans(for days: [LocalDay]) -> [Window] {
        var result: [Window] = []
        for day in Set(days).sorted() {
            if let last = result.last, last.end.day.adding(days: 1) == day {
                result[result.count - 1] = Window(start: last.start, end: .endOf(day))
            } else {
                result.append(Window(days: day, through: day))
            }
        }
        return result
    }

    /// The newest window of `span` to ask next: it ends where the span ends.
    public func nextWindow(in span: Window, density: DensityModel, cap: Int) -> Window {
        let end = span.end
        // A report whose records carry no date is partitioned by its window: one day at most.
        let days = report.windowsMaySpanDays ? maxDaysPerRequest : 1
        let earliest = max(span.start, .startOf(end.day.adding(days: -(days - 1))))
        guard !density.isEmpty else { return Window(start: earliest, end: end) }
        let start = newestStart(of: Window(start: earliest, end: end), holding: Double(cap) * fill, density: density)
        // Always at least one second, so a span shrinks with every call.
        return Window(start: min(start, end), end: end)
    }

    /// Where to cut a span in two, so a free request slot can take the older part: where the
    /// newer part holds a whole number of windows' rows when the density is known (so neither
    /// part ends in a thin window), else after the newest window's worth of days (a span of at
    /// most that many days is left whole: sharing it would cost a call, not save one).
    /// - Returns: the first second of the newer part, or nil when the span is not worth sharing.
    public func midpoint(of span: Window, density: DensityModel, cap: Int) -> LocalDateTime? {
        if !density.isEmpty, let total = density.rows(in: span) {
            let target = Double(cap) * fill
            let windows = Int((total / target).rounded(.up))
            guard windows >= 2 else { return nil }
            let cut = newestStart(of: span, holding: Double(windows / 2) * target, density: density)
            return cut > span.start && cut <= span.end ? cut : nil
        }
        let days = span.days
        guard days.count >= 2 else { return nil }
        // A report whose windows are single days costs a call a day however it is shared.
        guard report.windowsMaySpanDays else { return .startOf(days[days.count / 2]) }
        guard days.count > maxDaysPerRequest else { return nil }
        return .startOf(days[days.count - maxDaysPerRequest])
    }

    /// The earliest second from which the rest of `span` is expected to hold at most `rows` rows
    /// (hours taken in part count in proportion, at the hour's own rate).
    func newestStart(of span: Window, holding rows: Double, density: DensityModel) -> LocalDateTime {
        var total = 0.0
        var cursor = span.end.naiveSeconds
        while cursor >= span.start.naiveSeconds {
            let bucket = DensityModel.floorDiv(cursor, 3600)
            let bucketStart = max(bucket * 3600, span.start.naiveSeconds)
            let rate = density.rows(inBucket: bucket) ?? 0
            let inBucket = rate * Double(cursor - bucketStart + 1) / 3600
            if total + inBucket > rows {
                let seconds = Int(((rows - total) / rate * 3600).rounded(.down))
                return LocalDateTime(naiveSeconds: max(cursor - seconds + 1, bucketStart))
            }
            total += inBucket
            cursor = bucketStart - 1
        }
        return span.start
    }
}
