import WolkvoxAPI

/// The parts an answer's rows are staged in, so a cut answer can be kept without one of its edge
/// seconds and a check region can be dropped as a duplicate.
package enum AnswerPart: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Rows of the oldest second the answer holds (outside the check region).
    case oldestSecond = "lo"
    /// Every other row outside the check region.
    case middle = "main"
    /// Rows of the newest second the answer holds (outside the check region).
    case newestSecond = "hi"
    /// Rows inside the request's check region: they overlap a kept part waiting for its check.
    case check

    package static func < (lhs: AnswerPart, rhs: AnswerPart) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What one answer showed, in the terms the machine decides on: no rows themselves, only when
/// they were.
package struct WindowAnswer: Sendable {
    /// Records received.
    package var rows: Int
    /// Whether the answer held the cap: then it may be any part of the window's rows.
    package var heldCap: Bool
    /// Dated rows per naive local second (`LocalDateTime.naiveSeconds`), check region included.
    package var seconds: [Int: Int]
    /// Whether every row was dated inside the window and the edge seconds were staged apart, so a
    /// cut answer may be kept without its edge second.
    package var keepable: Bool
    /// The window's total as the answer's `msg` gave it, when it said more than it sent: then it
    /// counts the window, not the answer.
    package var windowTotal: Int?

    package init(rows: Int, heldCap: Bool, seconds: [Int: Int], keepable: Bool = true, windowTotal: Int? = nil) {
        self.rows = rows
        self.heldCap = heldCap
        self.seconds = seconds
        self.keepable = keepable
        self.windowTotal = windowTotal
    }

    var first: Int? { seconds.keys.min() }
    var last: Int? { seconds.keys.max() }
}

/// What one request failed with, as far as the machine is concerned.
package enum WindowFailure: Sendable, Hashable {
    /// The answer never came whole at this size (time limit, reset, timeout): ask it smaller.
    case tooLarge
    /// Retries are spent: the window's days fail.
    case failed(reason: String)
    /// The run is stopping (quota, token, interruption): nothing learned, the days stay pending.
    case abandoned
}
