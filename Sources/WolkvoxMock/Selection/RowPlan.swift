/// How a records answer produces its rows, decided from the window's size alone: streamed one
/// hour bucket at a time when a bucket walk gives the order and the kept rows are a run of the
/// window's, else gathered (at most the cap, as 12-byte `RowRef`s) and then ordered.
enum RowPlan: Hashable {
    case stream(RecordCursor.Walk, kept: Range<Int>?)
    case gather(Kept, MockRowOrder)

    /// The rows an answer keeps.
    enum Kept: Hashable {
        /// By position in the window, newest first (0 is the newest); nil keeps them all.
        case positions(Range<Int>?)
        /// This many, by lot (`MockCapKeeps.arbitrary`).
        case byLot(Int)
    }

    /// - Parameters:
    ///   - total: the window's rows, before the cap.
    ///   - cap: rows sent at most.
    init(total: Int, cap: Int, keeps: MockCapKeeps, order: MockRowOrder) {
        let sent = min(total, cap)
        let kept: Kept
        if sent == total {
            kept = .positions(nil)
        } else {
            switch keeps {
            case .newest: kept = .positions(0..<sent)
            case .oldest: kept = .positions((total - sent)..<total)
            case .arbitrary: kept = .byLot(sent)
            }
        }
        switch (kept, order) {
        case (.positions(let range), .newestFirst): self = .stream(.newestFirst, kept: range)
        case (.positions(let range), .oldestFirst): self = .stream(.oldestFirst, kept: range)
        case (.positions(let range), .shuffledWithinHours): self = .stream(.hoursNewestRowsOldest, kept: range)
        case (_, .newestFirst), (_, .oldestFirst), (_, .shuffledWithinHours), (_, .shuffled): self = .gather(kept, order)
        }
    }
}
