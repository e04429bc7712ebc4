package import WolkvoxAPI

/// Decides which windows of a range to ask and what each answer means: land these days, keep
/// that part until it is checked, ask this again smaller, fail a day.
///
/// The range is kept as chains: spans of seconds still to fetch, each walked from one end, one
/// request in flight per chain; a free request slot takes the far part of the longest chain.
/// Windows are sized from `SizingDensity` to come back under the cap.
///
/// An answer that holds the cap may be any part of its window's rows (the API documents none).
/// If the API keeps the newest (or oldest) rows, the part after the oldest second it returned
/// (before the newest) is whole: that part is staged as a candidate, and the next window of its
/// chain asks the rest of the window plus a slice of the candidate (the check region). The
/// candidate lands only if that answer shows the slice exactly as the cut answer did, and, while
/// the pipeline has not yet confirmed how its API cuts, only if the evidence is decisive
/// (`CutEvidence`). Otherwise the cut answer was a sample: its rows are dropped and their times
/// size the next windows.
///
/// - Important: Pure state: no I/O and no clock, in the manner of async-http-client's request
///   state machines. `RangeRun` performs the requests and the landing; `CallEstimate` and the
///   tests' simulator drive it with a model of the API.
package struct ExtractionMachine: Sendable {
    package struct Configuration: Sendable {
        package var cap: Int
        package var maxDaysPerRequest: Int
        /// False for reports whose rows carry no date (cdr_6): a window never spans two days.
        package var windowsMaySpanDays: Bool
        /// Share of the cap a window is sized to when the API's cut answers are samples.
        package var fill: Double
        /// Multiple of the cap a window is sized to once a confirmed side keeps cut answers: each
        /// answer then carries the cap.
        package var keepFill: Double
        /// Rows of a kept part a check region shows at least: 1 % of the cap (600 of 60,000), a
        /// few hundred matched rows beside the thousands a cut answer lacked being decisive.
        package var checkRows: Int

        package init(cap: Int, maxDaysPerRequest: Int = 31, windowsMaySpanDays: Bool = true, fill: Double = 0.95,
                    keepFill: Double = 1.5, checkRows: Int? = nil) {
            self.cap = cap
            self.maxDaysPerRequest = max(1, min(31, maxDaysPerRequest))
            self.windowsMaySpanDays = windowsMaySpanDays
            self.fill = fill
            self.keepFill = keepFill
            self.checkRows = checkRows ?? max(1, cap / 100)
        }
    }

    enum Direction: Sendable { case newestFirst, oldestFirst }

    struct Chain: Sendable {
        var pending: Window?
        var direction: Direction
        var inFlight: Int?
        /// The candidate the chain's next window checks.
        var candidate: Int?
        /// A window of this chain that came back cut and was only a sample: the next window must
        /// be shorter, whatever the density says.
        var shorterThan: Window?
    }

    /// A kept part of a cut answer, staged, waiting for the answer that checks it.
    struct Candidate: Sendable {
        var side: CutSide
        var kept: Window
        /// The cut answer's window, less any check region of its own.
        var cutWindow: Window
        /// The cut answer's rows per second inside `kept`.
        var seconds: [Int: Int]
        /// The edge second left out of `kept`, and how many rows of it the cut answer held.
        var boundary: Int
        var boundaryRows: Int
        var segmentIDs: [String]
        /// Whether landing needs decisive evidence (the side is not confirmed yet).
        var decisive: Bool
    }

    struct Flight: Sendable {
        var request: ExtractionRequest
        var chain: Int
        var candidate: Int?
        /// Rows the density expected of the request when it was sized (nil: nothing was known).
        var expected: Double?
    }

    package let configuration: Configuration
    /// The `ParameterLane` this machine asks for: its requests carry it (`LanedExtraction` runs
    /// one machine per lane).
    package let lane: Int
    package internal(set) var belief: CutBelief
    package internal(set) var density: SizingDensity
    package internal(set) var ledger: DayLedger
    /// Rows per day and hour of what was accepted (landed or waiting for other pieces).
    package internal(set) var hoursByDay: [LocalDay: [Int]] = [:]
    /// Answers that held the cap.
    package internal(set) var cutAnswers = 0
    /// Windows asked again smaller after an answer that never came whole.
    package internal(set) var shrunk = 0
    /// The longest window asked since one was too large to answer.
    package internal(set) var ceilingSeconds: Int?

    /// Checks that could not tell whether a kept part was whole.
    var weakChecks = 0
    var chains: [Int: Chain] = [:]
    var candidates: [Int: Candidate] = [:]
    var flights: [Int: Flight] = [:]
    private var nextChainID = 0
    var nextCandidateID = 0
    private var nextRequestID = 0

    package init(spans: [Window], days: [LocalDay], configuration: Configuration, density: DensityModel, belief: CutBelief,
                lane: Int = 0) {
        self.configuration = configuration
        self.lane = lane
        self.belief = belief
        self.density = SizingDensity(prior: density)
        ledger = DayLedger(days: days)
        let direction: Direction = belief.keeping == .oldest ? .oldestFirst : .newestFirst
        for span in spans { addChain(pending: span, direction: direction) }
    }

    /// Spans not asked for yet: for progress lines.
    package var pendingSpans: Int { chains.values.filter { $0.pending != nil }.count }

    /// Requests asked and not answered yet.
    var inFlight: Int { flights.count }

    /// Up to `slots` more windows to ask, and what to do first (parts that can no longer be checked).
    package mutating func next(slots: Int) -> (requests: [ExtractionRequest], actions: [ExtractionAction]) {
        var requests: [ExtractionRequest] = []
        var actions: [ExtractionAction] = []
        while requests.count < slots {
            let idle = chains.keys.sorted().filter { chains[$0]!.inFlight == nil && chains[$0]!.pending != nil }
            if let id = idle.first(where: { chains[$0]!.candidate != nil }) ?? idle.first {
                if let request = request(forChain: id, actions: &actions) { requests.append(request) }
                continue
            }
            guard shareLongestSpan() else { break }
        }
        return (requests, actions)
    }

    /// A day could not be landed (a disk or bucket error), or another lane failed it: it fails,
    /// whether it still waited for windows or was being landed.
    package mutating func landingFailed(_ day: LocalDay, reason: String) {
        ledger.failLanding(day, reason: reason)
    }

    /// The landing of a day this machine handed over (`.land`) finished.
    package mutating func landed(_ day: LocalDay) { ledger.markLanded(day) }

    /// Days handed over in a `.land` whose landing has not been reported yet.
    package var daysBeingLanded: [LocalDay] { ledger.landing }

    /// Drops what waits for a check that will not come (the run stops): its staged parts go.
    package mutating func finish() -> [ExtractionAction] {
        let ids = candidates.values.flatMap(\.segmentIDs)
        candidates = [:]
        return ids.isEmpty ? [] : [.discard(segmentIDs: ids)]
    }

    // MARK: - Requests

    private mutating func request(forChain id: Int, actions: inout [ExtractionAction]) -> ExtractionRequest? {
        let chain = chains[id]!
        let span = chain.pending!
        var target = Double(configuration.cap) * (belief.keeping != nil ? configuration.keepFill : configuration.fill)
        var check: Window?
        if let cid = chain.candidate, let candidate = candidates[cid] {
            let region = checkRegion(of: candidate)
            check = region
            let scale = candidate.decisive ? density.sampleScale(over: candidate.cutWindow) : 1
            let expected = Double(Self.rows(of: candidate.seconds, in: region)) * scale
            target = max(target * 0.25, target - expected)
        }
        var window = size(span, direction: chain.direction, holding: target)
        // Once cut answers are kept, a window that comes back cut is no loss: no need to shrink.
        if belief.keeping == nil, let cut = chain.shorterThan, cut.seconds > 1, window.start <= cut.start, window.end >= cut.end {
            window = chain.direction == .newestFirst
                ? Window(start: cut.start.adding(seconds: cut.seconds / 2), end: window.end)
                : Window(start: window.start, end: cut.end.adding(seconds: -(cut.seconds / 2)))
        }
        chains[id]!.shorterThan = nil
        chains[id]!.pending = Self.subtract(window, from: span)
        guard window.days.contains(where: { ledger.isAlive($0) }) else {
            // Nothing of it can land any more: not worth a call. Its candidate cannot be checked:
            // its part is asked again from scratch.
            if let cid = chain.candidate, let candidate = candidates[cid] {
                actions += dropCandidate(cid)
                giveBack(candidate.kept, to: nil)
            }
            chains[id]!.candidate = nil
            dropIfDone(id)
            return nil
        }
        let asked: Window
        if let check {
            asked = chain.direction == .newestFirst ? Window(start: window.start, end: check.end)
                : Window(start: check.start, end: window.end)
        } else {
            asked = window
        }
        let request = ExtractionRequest(id: nextRequestID, window: asked, check: check, lane: lane)
        nextRequestID += 1
        chains[id]!.inFlight = request.id
        flights[request.id] = Flight(request: request, chain: id, candidate: check == nil ? nil : chain.candidate,
                                     expected: density.isEmpty ? nil : density.rows(in: asked))
        chains[id]!.candidate = nil
        return request
    }

    /// The slice of a candidate next to its boundary that the checking answer asks again.
    func checkRegion(of candidate: Candidate) -> Window {
        // A few hundred matched rows beside the tens of thousands the cut answer lacked are
        // decisive (`CutEvidence`); more would only be received twice.
        let wanted = configuration.checkRows
        var seen = 0
        switch candidate.side {
        case .newest:
            var end = candidate.kept.end.naiveSeconds
            for second in candidate.seconds.keys.sorted() {
                seen += candidate.seconds[second]!
                if seen >= wanted { end = second; break }
            }
            return Window(start: candidate.kept.start, end: LocalDateTime(naiveSeconds: min(end, candidate.kept.end.naiveSeconds)))
        case .oldest:
            var start = candidate.kept.start.naiveSeconds
            for second in candidate.seconds.keys.sorted(by: >) {
                seen += candidate.seconds[second]!
                if seen >= wanted { start = second; break }
            }
            return Window(start: LocalDateTime(naiveSeconds: max(start, candidate.kept.start.naiveSeconds)), end: candidate.kept.end)
        }
    }

    /// A free slot takes the far part of the longest span whose chain is busy.
    private mutating func shareLongestSpan() -> Bool {
        let busy = chains.filter { $0.value.pending != nil }
        guard let (id, chain) = busy.max(by: { $0.value.pending!.seconds < $1.value.pending!.seconds }),
            let span = chain.pending, let cut = midpoint(of: span, direction: chain.direction)
        else { return false }
        switch chain.direction {
        case .newestFirst:
            chains[id]!.pending = Window(start: cut, end: span.end)
            addChain(pending: Window(start: span.start, end: cut.adding(seconds: -1)), direction: .newestFirst)
        case .oldestFirst:
            chains[id]!.pending = Window(start: span.start, end: cut.adding(seconds: -1))
            addChain(pending: Window(start: cut, end: span.end), direction: .oldestFirst)
        }
        return true
    }

    // MARK: - Chains

    @discardableResult
    mutating func addChain(pending: Window, direction: Direction) -> Int {
        chains[nextChainID] = Chain(pending: pending, direction: direction)
        nextChainID += 1
        return nextChainID - 1
    }

    /// Puts a span back to fetch: onto the chain it came from when it adjoins its pending span,
    /// else as a chain of its own. Returns the chain that holds it.
    @discardableResult
    mutating func giveBack(_ span: Window, to id: Int?, direction: Direction? = nil) -> Int {
        if let id, let chain = chains[id], direction == nil || direction == chain.direction {
            if let pending = chain.pending {
                if pending.end.adding(seconds: 1) == span.start {
                    chains[id]!.pending = Window(start: pending.start, end: span.end)
                    return id
                }
                if span.end.adding(seconds: 1) == pending.start {
                    chains[id]!.pending = Window(start: span.start, end: pending.end)
                    return id
                }
            } else {
                chains[id]!.pending = span
                return id
            }
        }
        let inherited = id.flatMap { chains[$0]?.direction } ?? (belief.keeping == .oldest ? .oldestFirst : .newestFirst)
        return addChain(pending: span, direction: direction ?? inherited)
    }

    mutating func dropIfDone(_ id: Int) {
        if let chain = chains[id], chain.pending == nil, chain.inFlight == nil, chain.candidate == nil { chains[id] = nil }
    }

    mutating func dropCandidate(_ id: Int) -> [ExtractionAction] {
        guard let candidate = candidates.removeValue(forKey: id) else { return [] }
        return [.discard(segmentIDs: candidate.segmentIDs)]
    }

    // MARK: - Helpers

    static func subtract(_ part: Window, from span: Window) -> Window? {
        if part.start > span.start { return Window(start: span.start, end: part.start.adding(seconds: -1)) }
        if part.end < span.end { return Window(start: part.end.adding(seconds: 1), end: span.end) }
        return nil
    }

    static func rows(of seconds: [Int: Int], in window: Window) -> Int {
        let (low, high) = (window.start.naiveSeconds, window.end.naiveSeconds)
        return seconds.reduce(0) { $0 + (($1.key >= low && $1.key <= high) ? $1.value : 0) }
    }

    static func restricted(_ seconds: [Int: Int], to window: Window) -> [Int: Int] {
        let (low, high) = (window.start.naiveSeconds, window.end.naiveSeconds)
        return seconds.filter { $0.key >= low && $0.key <= high }
    }
}
