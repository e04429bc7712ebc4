import WolkvoxAPI
import WolkvoxMock
@testable import WolkvoxETL

/// Plays a `LanedExtraction` against one `ModelAPI` per parameter lane (each value its own rows
/// over the same days), two requests in flight, staging and landing as `RangeLanding` does.
struct LanedSimulation {
    var apis: [ModelAPI]
    var days: [LocalDay]
    var machine: LanedExtraction
    /// Days a lane's every window fails for good (a value failing a day).
    var failing: [Int: Set<LocalDay>] = [:]
    var calls = 0
    /// The most requests the run had in flight at once (the API allows 2 per token).
    var maxInFlight = 0
    var callsByLane: [Int: Int] = [:]
    /// Row indices landed per day, by lane (a row index is its lane's).
    var landed: [LocalDay: [Int: [Int]]] = [:]
    var failed: Set<LocalDay> = []
    /// Answers a day's landing takes to finish once handed over (0: at once, as a folder lands),
    /// as `RangeRun` lands a bucket's days beside its requests.
    var landingLag = 0
    /// Days whose landing fails (a refused upload).
    var failingLandings: Set<LocalDay> = []
    /// Requests asked for a day while it was being landed: there must be none.
    var askedWhileLanding: [LocalDay] = []
    /// Days handed over and not finished landing: their rows and the answers left until they finish.
    private var landing: [LocalDay: (rows: [Int: [Int]], left: Int)] = [:]
    private var staged: [String: [Int]] = [:]
    /// Which lane staged a segment, to read its rows back.
    private var laneOfSegment: [String: Int] = [:]

    init(apis: [ModelAPI], days: [LocalDay], density: DensityModel = .init(), configuration: ExtractionMachine.Configuration? = nil) {
        self.apis = apis
        self.days = days
        let lanes = apis.indices.map { ParameterLane(index: $0, parameters: [QueryParameter(name: "skill_id", value: "\($0 + 1)")]) }
        machine = LanedExtraction(
            lanes: lanes, spans: WindowPlanner.spans(for: days), days: days, configuration: configuration ?? .init(cap: apis[0].cap),
            density: density, belief: .init())
    }

    mutating func run(order seed: UInt64, callLimit: Int = 20_000, stopAfter: Int? = nil) {
        var rng = SeededGenerator(seed: seed)
        var inFlight: [ExtractionRequest] = []
        while calls < callLimit {
            if let stopAfter, calls >= stopAfter {
                for request in inFlight { perform(machine.receive(request, failure: .abandoned)) }
                break
            }
            let step = machine.next(slots: 2 - inFlight.count)
            perform(step.actions)
            askedWhileLanding += step.requests.flatMap { $0.window.days.filter { landing[$0] != nil } }
            inFlight += step.requests
            maxInFlight = max(maxInFlight, inFlight.count)
            guard !inFlight.isEmpty else { break }
            let request = inFlight.remove(at: rng.below(inFlight.count))
            finishLandings(all: false)
            calls += 1
            callsByLane[request.lane, default: 0] += 1
            let api = apis[request.lane]
            if request.window.days.contains(where: { failing[request.lane]?.contains($0) == true }) {
                perform(machine.receive(request, failure: .failed(reason: "HTTP 500")))
                continue
            }
            switch api.answer(request.window, call: calls) {
            case .failure(let failure):
                perform(machine.receive(request, failure: failure))
            case .rows(let rows, let heldCap):
                perform(machine.receive(request, answer: stage(rows, heldCap: heldCap, request: request, api: api)))
            }
        }
        // As `RangeRun` awaits every landing before its last save.
        finishLandings(all: true)
        perform(machine.finish())
    }

    /// Counts an answer for every landing, and finishes those whose time came (or all).
    private mutating func finishLandings(all: Bool) {
        for (day, entry) in landing.sorted(by: { $0.key < $1.key }) {
            guard all || entry.left <= 1 else {
                landing[day]!.left -= 1
                continue
            }
            landing[day] = nil
            if failingLandings.contains(day) {
                machine.landingFailed(day, reason: "upload refused")
                failed.insert(day)
            } else {
                landed[day] = entry.rows
                machine.landed(day)
            }
        }
    }

    /// Stages rows into parts as `WindowWriter` would.
    private mutating func stage(_ rows: [Int], heldCap: Bool, request: ExtractionRequest, api: ModelAPI) -> WindowAnswer {
        let staging = api.staged(rows, heldCap: heldCap, check: request.check)
        for (part, rows) in staging.parts {
            let id = request.segmentID(part)
            precondition(staged[id] == nil, "segment \(id) staged twice")
            staged[id] = rows
            laneOfSegment[id] = request.lane
        }
        return WindowAnswer(rows: rows.count, heldCap: heldCap, seconds: staging.seconds)
    }

    private mutating func perform(_ actions: [ExtractionAction]) {
        for action in actions {
            switch action {
            case .land(let day, let pieces):
                precondition(landed[day] == nil && landing[day] == nil, "day \(day) landed twice")
                var byLane: [Int: [Int]] = [:]
                for id in pieces.flatMap(\.segmentIDs) {
                    // A part that held no rows (an edge second of a whole answer) was never staged.
                    guard let lane = laneOfSegment[id] else { continue }
                    byLane[lane, default: []] += (staged[id] ?? []).filter { LocalDateTime(naiveSeconds: apis[lane].rows[$0]).day == day }
                }
                if landingLag > 0 || failingLandings.contains(day) {
                    landing[day] = (byLane, landingLag)
                } else {
                    landed[day] = byLane
                    machine.landed(day)
                }
            case .discard(let ids):
                for id in ids { staged[id] = nil }
            case .fail(let days, _):
                failed.formUnion(days)
            }
        }
    }

    /// Days whose landed rows are not, lane by lane, exactly each lane's rows of that day once.
    func inexactDays() -> [LocalDay] {
        days.filter { day in
            guard let byLane = landed[day] else { return false }
            return apis.indices.contains { lane in
                (byLane[lane] ?? []).sorted() != Array(apis[lane].indices(in: Window(days: day, through: day)))
            }
        }
    }
}
