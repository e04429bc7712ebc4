import Foundation

/// Which end of a window's rows an API keeps when the window holds more than the cap.
package enum CutSide: String, Sendable, Codable, Hashable {
    /// The newest rows: the part of the window after the oldest second returned is whole.
    case newest
    /// The oldest rows: the part before the newest second returned is whole.
    case oldest
}

/// What a pipeline knows about how its API cuts an answer that holds the cap.
///
/// Nothing documents it: the API may keep the newest rows, the oldest, or any subset. Each side
/// is a hypothesis that answers confirm or refute; a kept part of a cut answer lands only once
/// an overlapping answer shows it whole (see `CutEvidence`).
package struct CutBelief: Sendable, Hashable {
    package enum Verdict: String, Sendable, Hashable {
        case unknown, confirmed, refuted
    }

    package var newest: Verdict
    package var oldest: Verdict

    package init(newest: Verdict = .unknown, oldest: Verdict = .unknown) {
        self.newest = newest
        self.oldest = oldest
    }

    package subscript(side: CutSide) -> Verdict {
        get { side == .newest ? newest : oldest }
        set { if side == .newest { newest = newValue } else { oldest = newValue } }
    }


    /// The side a cut answer is kept from without a decisive check, if one is confirmed.
    package var keeping: CutSide? {
        if newest == .confirmed { return .newest }
        if oldest == .confirmed { return .oldest }
        return nil
    }

    /// Both ends refuted: a cut answer is only a sample of its window.
    package var keepsNeither: Bool { newest == .refuted && oldest == .refuted }

    /// Confirming one side refutes the other: an API cannot keep both ends of a window over the cap.
    package mutating func confirm(_ side: CutSide) {
        self[side] = .confirmed
        self[side == .newest ? .oldest : .newest] = .refuted
    }

    package mutating func refute(_ side: CutSide) { self[side] = .refuted }

    /// The form kept in the state file: `keeps_newest`, `keeps_oldest`, `keeps_neither`, or nil
    /// while nothing is settled.
    package var stateText: String? {
        if let side = keeping { return "keeps_\(side.rawValue)" }
        return keepsNeither ? "keeps_neither" : nil
    }

    package init(stateText: String?) {
        switch stateText {
        case "keeps_newest": self.init(newest: .confirmed, oldest: .refuted)
        case "keeps_oldest": self.init(newest: .refuted, oldest: .confirmed)
        case "keeps_neither": self.init(newest: .refuted, oldest: .refuted)
        default: self.init()
        }
    }
}

/// How strongly an overlapping answer supports "the cut answer kept one end whole" against "the
/// cut answer is an arbitrary subset".
///
/// The overlap showed `matched` rows that the cut answer also held, and the cut answer lacked
/// `missing` rows of its window. Were the cut answer a subset keeping each row with some
/// probability q, seeing all `matched` and none of `missing` has probability q^m (1-q)^n, at
/// most (m/(m+n))^m (n/(m+n))^n whatever q. The score is minus its logarithm: 20 means odds of
/// about two in a billion that a subset passed for an end kept whole.
package enum CutEvidence {
    package static let decisive = 20.0

    package static func score(matched: Int, missing: Int) -> Double {
        guard matched > 0, missing > 0 else { return 0 }
        let m = Double(matched), n = Double(missing), t = m + n
        return m * log(t / m) + n * log(t / n)
    }
}
