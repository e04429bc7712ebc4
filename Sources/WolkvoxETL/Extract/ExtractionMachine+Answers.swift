import WolkvoxAPI

/// What an answer means.
extension ExtractionMachine {
    enum CheckVerdict: Equatable {
        /// The answer shows the check region exactly as the candidate; `score` as `CutEvidence`.
        case consistent(score: Double)
        case inconsistent
        /// The answer cannot tell (it was cut where the check region is).
        case unverifiable
    }

    /// An answer arrived for `requestID`.
    package mutating func receive(_ requestID: Int, answer: WindowAnswer) -> [ExtractionAction] {
        guard let flight = flights.removeValue(forKey: requestID) else { return [] }
        let request = flight.request
        chains[flight.chain]?.inFlight = nil
        var actions: [ExtractionAction] = []
        var window = request.window
        var parts: [AnswerPart] = [.oldestSecond, .middle, .newestSecond]
        if let region = request.check {
            parts.append(.check)
            if let cid = flight.candidate, let candidate = candidates.removeValue(forKey: cid) {
                switch verdict(of: candidate, answer: answer, region: region) {
                case .consistent(let score) where !candidate.decisive || score >= CutEvidence.decisive:
                    if belief.keeping == nil {
                        // Every earlier cut answer was then whole between its oldest and newest
                        // second: its sample is the density there, not a fraction of it.
                        density.trustSamples()
                    }
                    belief.confirm(candidate.side)
                    actions += accept(candidate.kept, seconds: candidate.seconds, segmentIDs: candidate.segmentIDs)
                    // The check region's rows are the candidate's: staged twice, landed once.
                    actions.append(.discard(segmentIDs: [request.segmentID(.check)]))
                    parts.removeLast()
                    window = Self.subtract(region, from: window)!
                case .inconsistent:
                    belief.refute(candidate.side)
                    actions += reject(candidate, region: region, chain: flight.chain)
                case .consistent, .unverifiable:
                    // Too little to tell: after two such checks this run stops keeping cut answers
                    // until a side is confirmed, so a window that keeps coming back cut shrinks.
                    weakChecks += 1
                    actions += reject(candidate, region: region, chain: flight.chain)
                }
            }
        }
        let seconds = parts.contains(.check) ? answer.seconds : Self.restricted(answer.seconds, to: window)
        if !answer.heldCap {
            actions += accept(window, seconds: seconds, segmentIDs: parts.map(request.segmentID))
            density.observe(window, seconds: seconds)
            dropIfDone(flight.chain)
            return actions
        }
        cutAnswers += 1
        actions += cut(window, answer: answer, seconds: seconds, parts: parts, flight: flight)
        dropIfDone(flight.chain)
        return actions
    }

    /// The request brought no answer.
    package mutating func receive(_ requestID: Int, failure: WindowFailure) -> [ExtractionAction] {
        guard let flight = flights.removeValue(forKey: requestID) else { return [] }
        let request = flight.request
        chains[flight.chain]?.inFlight = nil
        var actions: [ExtractionAction] = []
        let own = request.check.flatMap { Self.subtract($0, from: request.window) } ?? request.window
        switch failure {
        case .tooLarge where request.window.seconds > 1:
            shrunk += 1
            ceilingSeconds = max(1, min(ceilingSeconds ?? .max, request.window.seconds / 2))
            giveBack(own, to: flight.chain)
            // The candidate stays: the smaller window checks it.
            if let cid = flight.candidate, candidates[cid] != nil { chains[flight.chain]?.candidate = cid }
        case .tooLarge:
            actions += failDays(of: request.window, reason: "a one-second window \(request.window) never came whole")
            if let cid = flight.candidate { actions += dropCandidate(cid) }
        case .failed(let reason):
            actions += failDays(of: request.window, reason: reason)
            if let cid = flight.candidate, let candidate = candidates[cid] {
                actions += dropCandidate(cid)
                if let rest = Self.subtract(request.check!, from: candidate.kept) { giveBack(rest, to: nil) }
            }
        case .abandoned:
            if let cid = flight.candidate { actions += dropCandidate(cid) }
        }
        dropIfDone(flight.chain)
        return actions
    }

    // MARK: - Cut answers

    private mutating func cut(_ window: Window, answer: WindowAnswer, seconds: [Int: Int], parts: [AnswerPart],
                              flight: Flight) -> [ExtractionAction] {
        let request = flight.request, chain = flight.chain
        let all = parts.map(request.segmentID)
        guard let first = seconds.keys.min(), let last = seconds.keys.max() else {
            // The cap filled with rows that say nothing of when they were: no smaller window helps.
            return [.discard(segmentIDs: all)]
                + failDays(of: window, reason: "the window \(window) holds the cap with undated rows: the API cannot return it whole")
        }
        if first == last {
            // That second alone holds the cap: its day cannot be returned whole.
            let second = LocalDateTime(naiveSeconds: first)
            var actions: [ExtractionAction] = [.discard(segmentIDs: all)]
            actions += failDays(of: Window(start: second, end: second),
                                reason: "the second \(second) alone holds \(answer.rows) records, the cap: the API cannot return its day whole")
            if window.start < second { giveBack(Window(start: window.start, end: second.adding(seconds: -1)), to: chain) }
            if second < window.end { giveBack(Window(start: second.adding(seconds: 1), end: window.end), to: nil) }
            return actions
        }
        guard let side = side(toKeep: window, first: first, last: last, answer: answer, check: request.check, parts: parts) else {
            density.sample(answer, expected: flight.expected)
            let holder = giveBack(window, to: chain)
            chains[holder]!.shorterThan = window
            return [.discard(segmentIDs: all)]
        }
        // No sample: its shape says the API kept one end, and then its rows are the density of
        // the kept part, as `noteRate` takes them; if the check refutes it, later answers show.
        let decisive = belief[side] != .confirmed
        let id = nextCandidateID
        nextCandidateID += 1
        switch side {
        case .newest:
            let kept = Window(start: LocalDateTime(naiveSeconds: first + 1), end: window.end)
            candidates[id] = Candidate(
                side: side, kept: kept, cutWindow: window, seconds: Self.restricted(seconds, to: kept), boundary: first,
                boundaryRows: seconds[first] ?? 0, segmentIDs: parts.filter { $0 != .oldestSecond }.map(request.segmentID),
                decisive: decisive)
            let rest = Window(start: window.start, end: LocalDateTime(naiveSeconds: first))
            let holder = giveBack(rest, to: chain, direction: .newestFirst)
            chains[holder]!.candidate = id
            density.noteRate(rows: Self.rows(of: seconds, in: kept), over: kept)
            return [.discard(segmentIDs: [request.segmentID(.oldestSecond)])]
        case .oldest:
            let kept = Window(start: window.start, end: LocalDateTime(naiveSeconds: last - 1))
            candidates[id] = Candidate(
                side: side, kept: kept, cutWindow: window, seconds: Self.restricted(seconds, to: kept), boundary: last,
                boundaryRows: seconds[last] ?? 0, segmentIDs: parts.filter { $0 != .newestSecond }.map(request.segmentID),
                decisive: decisive)
            let rest = Window(start: LocalDateTime(naiveSeconds: last), end: window.end)
            let holder = giveBack(rest, to: chain, direction: .oldestFirst)
            chains[holder]!.candidate = id
            density.noteRate(rows: Self.rows(of: seconds, in: kept), over: kept)
            return [.discard(segmentIDs: [request.segmentID(.newestSecond)])]
        }
    }

    /// Which end of a cut answer may be whole: the confirmed one, else one not refuted yet whose
    /// shape fits (its rows stop well short of the window's other end, as an API keeping that end
    /// would leave them). nil: the answer is only a sample.
    private func side(toKeep window: Window, first: Int, last: Int, answer: WindowAnswer, check: Window?,
                      parts: [AnswerPart]) -> CutSide? {
        guard answer.keepable else { return nil }
        // Edge seconds are staged apart only outside a check region.
        if parts.contains(.check), let check, check.contains(LocalDateTime(naiveSeconds: first)) || check.contains(LocalDateTime(naiveSeconds: last)) {
            return nil
        }
        if let side = belief.keeping { return side }
        if belief.keepsNeither || weakChecks >= 2 { return nil }
        let gapLow = first - window.start.naiveSeconds
        let gapHigh = window.end.naiveSeconds - last
        let length = window.seconds
        if belief.newest == .unknown, gapLow >= 4 * gapHigh, gapLow * 10 >= length { return .newest }
        if belief.oldest == .unknown, gapHigh >= 4 * gapLow, gapHigh * 10 >= length { return .oldest }
        return nil
    }

    // MARK: - Checks

    func verdict(of candidate: Candidate, answer: WindowAnswer, region: Window) -> CheckVerdict {
        if answer.heldCap {
            // A cut answer vouches for the region only where the same side would keep it whole.
            guard answer.keepable, let first = answer.first, let last = answer.last else { return .unverifiable }
            switch candidate.side {
            case .newest where first >= region.start.naiveSeconds: return .unverifiable
            case .oldest where last <= region.end.naiveSeconds: return .unverifiable
            default: break
            }
        }
        let shown = Self.restricted(answer.seconds, to: region)
        let kept = Self.restricted(candidate.seconds, to: region)
        guard shown == kept else { return .inconsistent }
        let matched = kept.values.reduce(0, +)
        // Rows the cut answer lacked: those of the answer on the other side of the boundary
        // (the cut answer held none there), and those of the boundary second beyond its share.
        var missing = max(0, (answer.seconds[candidate.boundary] ?? 0) - candidate.boundaryRows)
        let low = candidate.cutWindow.start.naiveSeconds, high = candidate.cutWindow.end.naiveSeconds
        for (second, n) in answer.seconds where second >= low && second <= high {
            let beyond = candidate.side == .newest ? second < candidate.boundary : second > candidate.boundary
            if beyond { missing += n }
        }
        return .consistent(score: CutEvidence.score(matched: matched, missing: missing))
    }

    // MARK: - Effects on the ledger

    /// A part of the range arrived whole: its rows count for their days; days now whole land.
    mutating func accept(_ window: Window, seconds: [Int: Int], segmentIDs: [String]) -> [ExtractionAction] {
        for (second, n) in seconds {
            let day = LocalDay(daysSinceEpoch: DensityModel.floorDiv(second, 86_400))
            let hour = (second - day.daysSinceEpoch * 86_400) / 3600
            hoursByDay[day, default: Array(repeating: 0, count: 24)][hour] += n
        }
        return ledger.arrive(window, segmentIDs: segmentIDs).map { .land(day: $0.day, pieces: $0.pieces) }
    }

    /// A candidate that did not pass: its staged rows go, and its part is asked again.
    private mutating func reject(_ candidate: Candidate, region: Window, chain: Int) -> [ExtractionAction] {
        if let rest = Self.subtract(region, from: candidate.kept) { giveBack(rest, to: nil) }
        return [.discard(segmentIDs: candidate.segmentIDs)]
    }

    mutating func failDays(of window: Window, reason: String) -> [ExtractionAction] {
        let days = ledger.fail(window, reason: reason)
        return days.isEmpty ? [] : [.fail(days: days, reason: reason)]
    }
}
