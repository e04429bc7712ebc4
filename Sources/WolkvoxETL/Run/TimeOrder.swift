/// Whether the dated records of a response came in one time order, as a truncated response
/// must for its records to be kept.
struct TimeOrder {
    enum Direction { case newestFirst, oldestFirst }
    private(set) var first: Int?
    private(set) var last: Int?
    private(set) var direction: Direction?
    private(set) var isUsable = true

    mutating func saw(_ second: Int) {
        defer { last = second }
        guard let last else {
            first = second
            return
        }
        guard second != last else { return }
        let step: Direction = second < last ? .newestFirst : .oldestFirst
        if direction == nil { direction = step } else if direction != step { isUsable = false }
    }

    mutating func sawUndated() { isUsable = false }
    mutating func sawTooManyInOneSecond() { isUsable = false }
}
