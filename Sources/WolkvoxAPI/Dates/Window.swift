/// A query window, inclusive at both ends at the second: `[start, end]`.
///
/// - Important: Windows of one plan never overlap, so no record is fetched twice.
package struct Window: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var start: LocalDateTime
    package var end: LocalDateTime

    package init(start: LocalDateTime, end: LocalDateTime) {
        precondition(start <= end, "window ends before it starts")
        self.start = start
        self.end = end
    }

    /// The whole local days `[first 00:00:00, last 23:59:59]`.
    package init(days first: LocalDay, through last: LocalDay) {
        self.init(start: .startOf(first), end: .endOf(last))
    }

    /// Seconds covered, both ends included.
    package var seconds: Int { end.naiveSeconds - start.naiveSeconds + 1 }

    /// The local days the window touches.
    package var days: [LocalDay] {
        (start.day.daysSinceEpoch...end.day.daysSinceEpoch).map { LocalDay(daysSinceEpoch: $0) }
    }

    package func contains(_ t: LocalDateTime) -> Bool { start <= t && t <= end }

    /// Splits into `parts` contiguous, non-overlapping windows (fewer if the window is shorter).
    package func split(into parts: Int) -> [Window] {
        let n = max(1, min(parts, seconds))
        var result: [Window] = []
        var cursor = start.naiveSeconds
        for i in 0..<n {
            let remaining = end.naiveSeconds - cursor + 1
            let size = remaining / (n - i)
            result.append(Window(start: .init(naiveSeconds: cursor), end: .init(naiveSeconds: cursor + size - 1)))
            cursor += size
        }
        return result
    }

    package var description: String { "[\(start), \(end)]" }

    package static func < (lhs: Window, rhs: Window) -> Bool { lhs.start < rhs.start }
}
