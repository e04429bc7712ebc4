package import WolkvoxAPI

/// The spans of a run: the days to fetch, as runs of consecutive days.
package enum WindowPlanner {
    /// One span per run of consecutive days (a resumed run skips the days it already landed).
    package static func spans(for days: [LocalDay]) -> [Window] {
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
}
