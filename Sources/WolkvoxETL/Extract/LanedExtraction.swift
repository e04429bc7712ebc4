package import WolkvoxAPI

/// An `ExtractionMachine` per `ParameterLane`, sharing the run's request slots, and a
/// `LaneDayBook` that lands a day only when every lane has all of it.
///
/// Each lane keeps every guarantee of its machine on its own: its windows are sized by its own
/// density and split on the cap by its own answers, so the rows of one value never hide or
/// stand in for another's. What the lanes share is the slots (a free one goes to the lane with
/// the fewest requests in flight, in turn, so lanes move through the days together and a
/// finished day does not wait long for a lagging lane) and the days (one lane failing a day
/// fails it for all, so none asks for it any more).
///
/// With one lane it is its machine: the same requests, actions and segment names.
///
/// - Important: Pure state: no I/O and no clock. `RangeRun` drives it; `CallEstimate` and the
///   tests' simulator too.
package struct LanedExtraction: Sendable {
    package private(set) var machines: [ExtractionMachine]
    package private(set) var book: LaneDayBook
    /// What names each lane in a failure reason (`skill_id=7`); empty with one lane, whose
    /// reasons read as they did before lanes.
    private let names: [String]
    /// The lane a tie for a free slot goes to first.
    private var turn = 0

    package init(lanes: [ParameterLane], spans: [Window], days: [LocalDay], configuration: ExtractionMachine.Configuration,
                density: DensityModel, belief: CutBelief) {
        let count = max(1, lanes.count)
        let share = density.shared(among: count)
        machines = (0..<count).map { lane in
            ExtractionMachine(spans: spans, days: days, configuration: configuration, density: share, belief: belief, lane: lane)
        }
        book = LaneDayBook(lanes: count)
        names = count > 1 ? lanes.map(\.description) : []
    }

    /// Up to `slots` more requests, each carrying its lane, and what to do first.
    package mutating func next(slots: Int) -> (requests: [ExtractionRequest], actions: [ExtractionAction]) {
        guard machines.count > 1 else {
            let step = machines[0].next(slots: slots)
            return (step.requests, route(step.actions, from: 0))
        }
        var requests: [ExtractionRequest] = []
        var actions: [ExtractionAction] = []
        var exhausted: Set<Int> = []
        while requests.count < slots, exhausted.count < machines.count {
            let order = machines.indices.map { ($0 - turn + machines.count) % machines.count }
            let lane = machines.indices.filter { !exhausted.contains($0) }
                .min { (machines[$0].inFlight, order[$0]) < (machines[$1].inFlight, order[$1]) }!
            let step = machines[lane].next(slots: 1)
            actions += route(step.actions, from: lane)
            if let request = step.requests.first {
                requests.append(request)
                turn = (lane + 1) % machines.count
            } else {
                exhausted.insert(lane)
            }
        }
        return (requests, actions)
    }

    package mutating func receive(_ request: ExtractionRequest, answer: WindowAnswer) -> [ExtractionAction] {
        route(machines[request.lane].receive(request.id, answer: answer), from: request.lane)
    }

    package mutating func receive(_ request: ExtractionRequest, failure: WindowFailure) -> [ExtractionAction] {
        route(machines[request.lane].receive(request.id, failure: failure), from: request.lane)
    }

    /// The day's landing (handed over in a `.land`) finished: no lane asks for it again.
    package mutating func landed(_ day: LocalDay) {
        for lane in machines.indices { machines[lane].landed(day) }
    }

    /// The day could not be landed (a disk or bucket error): it fails in every lane.
    package mutating func landingFailed(_ day: LocalDay, reason: String) {
        book.fail(day, reason: reason)
        for lane in machines.indices { machines[lane].landingFailed(day, reason: reason) }
    }

    /// Drops what every lane keeps waiting for a check that will not come.
    package mutating func finish() -> [ExtractionAction] {
        machines.indices.flatMap { machines[$0].finish() }
    }

    /// Rows per hour of `day` accepted by every lane together: the day's density for later runs.
    package func hours(of day: LocalDay) -> [Int]? {
        let counts = machines.compactMap { $0.hoursByDay[day] }
        guard var total = counts.first else { return nil }
        for other in counts.dropFirst() { for hour in total.indices { total[hour] += other[hour] } }
        return total
    }

    /// How the API cuts, as the first lane that settled it learned (the API is the same for all).
    package var belief: CutBelief { machines.first { $0.belief.keeping != nil }?.belief ?? machines[0].belief }
    package var pendingSpans: Int { machines.reduce(0) { $0 + $1.pendingSpans } }
    package var cutAnswers: Int { machines.reduce(0) { $0 + $1.cutAnswers } }
    package var shrunk: Int { machines.reduce(0) { $0 + $1.shrunk } }
    package var failedDays: [(LocalDay, String)] { book.failedDays }
    /// Days handed over in a `.land` whose landing has not been reported yet (by every lane).
    package var daysBeingLanded: [LocalDay] {
        machines.dropFirst().reduce(Set(machines[0].daysBeingLanded)) { $0.intersection($1.daysBeingLanded) }.sorted()
    }

    /// A lane's land waits in the book for the others; a lane's failure fails the day in all.
    private mutating func route(_ actions: [ExtractionAction], from lane: Int) -> [ExtractionAction] {
        var routed: [ExtractionAction] = []
        for action in actions {
            switch action {
            case .discard:
                routed.append(action)
            case .land(let day, let pieces):
                if let all = book.arrive(lane: lane, day: day, pieces: pieces) { routed.append(.land(day: day, pieces: all)) }
            case .fail(let days, let reason):
                let text = names.isEmpty ? reason : "\(names[lane]): \(reason)"
                let newly = days.filter { book.fail($0, reason: text) }
                for other in machines.indices where other != lane {
                    for day in newly { machines[other].landingFailed(day, reason: text) }
                }
                if !newly.isEmpty { routed.append(.fail(days: newly, reason: text)) }
            }
        }
        return routed
    }
}
