import WolkvoxAPI

/// How long a window is: as many seconds from the chain's walking end as the density says hold
/// the target, within the API's days per query and the ceiling set by an answer too large.
extension ExtractionMachine {
    /// A remainder this small (a share of a window) is taken with the window before it rather
    /// than asked alone: a call for a few rows costs as much as a full one.
    static let sliver = 0.04

    func size(_ span: Window, direction: Direction, holding target: Double) -> Window {
        let days = configuration.windowsMaySpanDays ? configuration.maxDaysPerRequest : 1
        var bound: Window
        switch direction {
        case .newestFirst:
            bound = Window(start: max(span.start, .startOf(span.end.day.adding(days: -(days - 1)))), end: span.end)
        case .oldestFirst:
            bound = Window(start: span.start, end: min(span.end, .endOf(span.start.day.adding(days: days - 1))))
        }
        if let ceiling = ceilingSeconds, bound.seconds > ceiling {
            bound = direction == .newestFirst
                ? Window(start: bound.end.adding(seconds: -(ceiling - 1)), end: bound.end)
                : Window(start: bound.start, end: bound.start.adding(seconds: ceiling - 1))
        }
        guard !density.isEmpty else { return bound }
        let window = reach(bound, direction: direction, holding: target)
        if window != bound, bound == span, density.rows(in: span) <= target * (1 + Self.sliver) {
            return bound
        }
        return window
    }

    /// The part of `bound` from its walking end expected to hold at most `rows` rows (hours taken
    /// in part count in proportion); at least one second, so a span shrinks with every call.
    func reach(_ bound: Window, direction: Direction, holding rows: Double) -> Window {
        var total = 0.0
        let low = bound.start.naiveSeconds, high = bound.end.naiveSeconds
        var cursor = direction == .newestFirst ? high : low
        while cursor >= low && cursor <= high {
            let bucket = DensityModel.floorDiv(cursor, 3600)
            let bucketLow = max(bucket * 3600, low), bucketHigh = min(bucket * 3600 + 3599, high)
            let rate = density.rows(inBucket: bucket) ?? density.fallbackRate ?? 0
            let span = direction == .newestFirst ? cursor - bucketLow + 1 : bucketHigh - cursor + 1
            let inBucket = rate * Double(span) / 3600
            if total + inBucket > rows {
                let seconds = max(1, Int(((rows - total) / rate * 3600).rounded(.down)))
                switch direction {
                case .newestFirst:
                    let start = max(cursor - seconds + 1, bucketLow)
                    return Window(start: LocalDateTime(naiveSeconds: min(start, high)), end: bound.end)
                case .oldestFirst:
                    let end = min(cursor + seconds - 1, bucketHigh)
                    return Window(start: bound.start, end: LocalDateTime(naiveSeconds: max(end, low)))
                }
            }
            total += inBucket
            cursor = direction == .newestFirst ? bucketLow - 1 : bucketHigh + 1
        }
        return bound
    }

    /// Where to cut a span in two so a free request slot can take its far part: where the near
    /// part holds a whole number of windows when the density is known (neither part then ends in
    /// a thin window), else after the near window's worth of days. nil when not worth sharing.
    func midpoint(of span: Window, direction: Direction) -> LocalDateTime? {
        // What one call brings: the cap less the check region and the edge second once cut
        // answers are kept (a little less, so the near part's calls surely cover it and its chain
        // does not end in a sliver), else a window sized to come back whole.
        let target = belief.keeping != nil
            ? Double(configuration.cap - configuration.checkRows) * 0.98 : Double(configuration.cap) * configuration.fill
        if !density.isEmpty {
            let total = density.rows(in: span)
            let windows = Int((total / target - Self.sliver).rounded(.up))
            guard windows >= 2 else { return nil }
            let near = reach(span, direction: direction, holding: Double(windows / 2) * target)
            let cut = direction == .newestFirst ? near.start : near.end.adding(seconds: 1)
            return cut > span.start && cut <= span.end ? cut : nil
        }
        let days = span.days
        guard days.count >= 2 else { return nil }
        guard configuration.windowsMaySpanDays else { return .startOf(days[days.count / 2]) }
        let n = configuration.maxDaysPerRequest
        guard days.count > n else { return nil }
        return direction == .newestFirst ? .startOf(days[days.count - n]) : .startOf(days[n])
    }
}
