package import WolkvoxAPI

/// One window to ask the API for.
package struct ExtractionRequest: Sendable, Hashable {
    package var id: Int
    /// What is asked, check region included.
    package var window: Window
    /// The part of `window` that overlaps a kept part waiting for its check: its rows are staged
    /// apart (`AnswerPart.check`) and compared with the kept part's.
    package var check: Window?
    /// The `ParameterLane` asked (0 for a report without parameters or with one value each).
    /// Request ids count per lane, so the lane is part of what names a staged segment.
    package var lane: Int = 0

    /// Staging segment id of one part of this request's answer; ids are unique in a run. Lane 0
    /// keeps the names it had before lanes (`r12-main`).
    package func segmentID(_ part: AnswerPart) -> String {
        lane == 0 ? "r\(id)-\(part.rawValue)" : "l\(lane)-r\(id)-\(part.rawValue)"
    }
}

/// What the runner does for the machine.
package enum ExtractionAction: Sendable, Equatable {
    /// Every second of `day` arrived: land it from these pieces, in this order.
    case land(day: LocalDay, pieces: [LandingPiece])
    /// Remove staged parts that will never land.
    case discard(segmentIDs: [String])
    /// These days cannot land in this run.
    case fail(days: [LocalDay], reason: String)
}

/// A part of a day that arrived whole, and the staged segments that hold its rows.
package struct LandingPiece: Sendable, Hashable, Comparable {
    package var window: Window
    package var segmentIDs: [String]

    package static func < (lhs: LandingPiece, rhs: LandingPiece) -> Bool { lhs.window < rhs.window }
}
