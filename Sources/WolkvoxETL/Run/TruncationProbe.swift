import WolkvoxAPI

/// What the run knows about where the API cuts a response that holds the cap.
enum TruncationTrust {
    /// At its oldest end (it sorts newest first): a cut response is kept up to its oldest second.
    case confirmed
    /// Not seen yet: the first cut window's kept part waits for the check.
    case unchecked
    /// Elsewhere: a cut response is discarded and asked again in smaller windows.
    case refused
}

/// A cut window's kept part, finished in staging, waiting for the answer that says whether the
/// API cuts at the oldest end.
struct TruncationProbe {
    var request: FetchSchedule.Request
    var kept: Window
    var segment: String
    var written: Set<LocalDay>
    var rejected: Set<LocalDay>
    var hours: [LocalDay: [Int]]
    var undo: KeptPartUndo
    /// The chain asked for the rest of the window, exactly `[window.start, boundary]`.
    var restChain: Int
    /// The oldest second the cut response showed: the rest must hold a record older than it.
    var boundary: LocalDateTime
}
