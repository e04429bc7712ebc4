public import WolkvoxAPI

/// Cuts a range of local days into the API windows that cover it.
///
/// Windows are whole local days (up to `maxDaysPerRequest`) or pieces of one day, inclusive at
/// the second, contiguous and never overlapping, so every second of the range is asked exactly
/// once. A report whose records carry no date (`ReportSpec.DayOf.windowDay`) gets one window per
/// day: its window is its partition.
public struct WindowPlanner: Sendable {
    public var report: ReportSpec
    public var maxDaysPerRequest: Int

    public init(report: ReportSpec, maxDaysPerRequest: Int) {
        self.report = report
        self.maxDaysPerRequest = max(1, min(31, maxDaysPerRequest))
    }

    /// The first plan for `[first, last]`, oldest window first.
    public func windows(from first: LocalDay, through last: LocalDay) -> [Window] {
        guard first <= last else { return [] }
        let span = report.windowsMaySpanDays ? maxDaysPerRequest : 1
        var result: [Window] = []
        var cursor = first
        while cursor <= last {
            let end = min(cursor.adding(days: span - 1), last)
            result.append(Window(days: cursor, through: end))
            cursor = end.adding(days: 1)
        }
        return result
    }

    /// The first plan for a set of days that need not be contiguous (a resumed run skips the days
    /// it already landed): each run of consecutive days is planned on its own.
    public func windows(for days: [LocalDay]) -> [Window] {
        let sorted = Set(days).sorted()
        var result: [Window] = []
        var runStart: LocalDay?
        var previous: LocalDay?
        for day in sorted {
            if let p = previous, day == p.adding(days: 1) {
                previous = day
                continue
            }
            if let s = runStart, let p = previous { result += windows(from: s, through: p) }
            runStart = day
            previous = day
        }
        if let s = runStart, let p = previous { result += windows(from: s, through: p) }
        return result
    }

    /// The windows that replace one whose response held the record cap (and so may be truncated).
    ///
    /// A multi-day window is cut at day boundaries, so whole days stay whole; a window within
    /// one day is cut in pieces of seconds. `rowsSeen` (at least the cap) sizes the cut: the
    /// pieces are made small enough that, at the density the window revealed, each should come
    /// back under the cap on the next try.
    /// - Returns: nil when the window is one second and cannot be split: that day fails loudly.
    public func split(_ window: Window, rowsSeen: Int, cap: Int) -> [Window]? {
        guard window.seconds > 1 else { return nil }
        // At least the cap rows exist; aim each piece at ~70 % of the cap at the observed density.
        let target = max(1, cap * 7 / 10)
        let wanted = max(2, (rowsSeen + target - 1) / target)
        let days = window.days
        if days.count > 1, window.start.secondOfDay == 0, window.end.secondOfDay == 86_399 {
            let pieces = min(wanted, days.count)
            var result: [Window] = []
            var index = 0
            for i in 0..<pieces {
                let size = (days.count - index) / (pieces - i)
                result.append(Window(days: days[index], through: days[index + size - 1]))
                index += size
            }
            return result
        }
        return window.split(into: wanted)
    }
}
