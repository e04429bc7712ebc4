import WolkvoxAPI
import WolkvoxMock
@testable import WolkvoxETL

/// A model of the API for the simulator: rows are seconds (sorted), each identified by its index.
struct ModelAPI {
    /// An answer's rows as `WindowWriter` stages them: counted by second, the check region's
    /// apart, and, when the answer held the cap, the oldest and newest seconds apart.
    struct StagedRows {
        var seconds: [Int: Int] = [:]
        var parts: [AnswerPart: [Int]] = [:]
    }

    func staged(_ answer: [Int], heldCap: Bool, check: Window?) -> StagedRows {
        var staging = StagedRows()
        var outside: [Int] = []
        for row in answer {
            let second = rows[row]
            staging.seconds[second, default: 0] += 1
            if let check, check.contains(LocalDateTime(naiveSeconds: second)) {
                staging.parts[.check, default: []].append(row)
            } else {
                outside.append(row)
            }
        }
        let low = outside.map { rows[$0] }.min(), high = outside.map { rows[$0] }.max()
        for row in outside {
            let second = rows[row]
            let part: AnswerPart = !heldCap ? .middle : second == low ? .oldestSecond : second == high ? .newestSecond : .middle
            staging.parts[part, default: []].append(row)
        }
        return staging
    }

    enum Keeps: String, CaseIterable, Sendable { case newest, oldest, arbitrary }

    var rows: [Int]
    var cap: Int
    var keeps: Keeps
    var seed: UInt64
    /// Windows holding more rows than this never come whole (the API's execution time limit).
    var executionLimit: Int?
    /// Share of requests that fail for good (retries spent).
    var failureRate = 0.0

    /// Indices of the rows in a window.
    func indices(in window: Window) -> Range<Int> {
        lowerBound(window.start.naiveSeconds)..<lowerBound(window.end.naiveSeconds + 1)
    }

    private func lowerBound(_ second: Int) -> Int {
        var low = 0, high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if rows[mid] < second { low = mid + 1 } else { high = mid }
        }
        return low
    }

    enum Reply {
        case rows([Int], heldCap: Bool)
        case failure(WindowFailure)
    }

    func answer(_ window: Window, call: Int) -> Reply {
        var rng = SeededGenerator(seed: seed ^ UInt64(call) &* 0x1000_0001)
        if rng.unit() < failureRate { return .failure(.failed(reason: "model fault")) }
        let all = indices(in: window)
        if let limit = executionLimit, all.count > limit, window.seconds > 1 { return .failure(.tooLarge) }
        guard all.count >= cap else { return .rows(Array(all), heldCap: false) }
        switch keeps {
        case .newest: return .rows(Array(all.suffix(cap)), heldCap: true)
        case .oldest: return .rows(Array(all.prefix(cap)), heldCap: true)
        case .arbitrary:
            // A partial Fisher-Yates draw: cap distinct rows of the window, in no order.
            var pool = Array(all)
            for i in 0..<cap {
                let j = i + rng.below(pool.count - i)
                pool.swapAt(i, j)
            }
            return .rows(Array(pool.prefix(cap)), heldCap: true)
        }
    }
}

/// Plays an `ExtractionMachine` against a `ModelAPI` with two requests in flight, staging rows
/// the way `WindowWriter` does, and lands days the way `RangeLanding` does.
struct Simulation {
    var api: ModelAPI
    var days: [LocalDay]
    var machine: ExtractionMachine
    var calls = 0
    var received = 0
    /// Row indices landed per day.
    var landed: [LocalDay: [Int]] = [:]
    var failed: Set<LocalDay> = []
    var debug = false
    private var staged: [String: [Int]] = [:]

    init(api: ModelAPI, days: [LocalDay], belief: CutBelief = .init(), density: DensityModel = .init(),
         configuration: ExtractionMachine.Configuration? = nil) {
        self.api = api
        self.days = days
        machine = ExtractionMachine(
            spans: WindowPlanner.spans(for: days), days: days,
            configuration: configuration ?? .init(cap: api.cap), density: density, belief: belief)
    }

    mutating func run(order seed: UInt64, callLimit: Int = 10_000) {
        var rng = SeededGenerator(seed: seed)
        var inFlight: [ExtractionRequest] = []
        while calls < callLimit {
            let step = machine.next(slots: 2 - inFlight.count)
            perform(step.actions)
            inFlight += step.requests
            guard !inFlight.isEmpty else { break }
            let request = inFlight.remove(at: rng.below(inFlight.count))
            calls += 1
            if debug { print("ask \(request.id) \(request.window) check \(request.check?.description ?? "-") rows \(api.indices(in: request.window).count)") }
            switch api.answer(request.window, call: calls) {
            case .failure(let failure):
                perform(machine.receive(request.id, failure: failure))
            case .rows(let rows, let heldCap):
                received += rows.count
                let answer = stage(rows, heldCap: heldCap, request: request, rng: &rng)
                perform(machine.receive(request.id, answer: answer))
            }
        }
        perform(machine.finish())
    }

    /// Stages rows into parts as `WindowWriter` would, in a random order.
    private mutating func stage(_ rows: [Int], heldCap: Bool, request: ExtractionRequest, rng: inout SeededGenerator) -> WindowAnswer {
        var shuffled = rows
        for i in shuffled.indices.reversed() where i > 0 { shuffled.swapAt(i, rng.below(i + 1)) }
        let staging = api.staged(shuffled, heldCap: heldCap, check: request.check)
        for (part, rows) in staging.parts { staged[request.segmentID(part)] = rows }
        return WindowAnswer(rows: rows.count, heldCap: heldCap, seconds: staging.seconds)
    }

    private mutating func perform(_ actions: [ExtractionAction]) {
        for action in actions {
            switch action {
            case .land(let day, let pieces):
                precondition(landed[day] == nil, "day \(day) landed twice")
                var rows: [Int] = []
                for piece in pieces {
                    for id in piece.segmentIDs {
                        rows += (staged[id] ?? []).filter { LocalDateTime(naiveSeconds: api.rows[$0]).day == day }
                    }
                }
                landed[day] = rows
                machine.landed(day)
            case .discard(let ids):
                for id in ids { staged[id] = nil }
            case .fail(let days, _):
                failed.formUnion(days)
            }
        }
    }

    /// Days whose landed rows are not exactly the model's rows of that day, once each.
    func inexactDays() -> [LocalDay] {
        days.filter { day in
            guard let rows = landed[day] else { return false }
            let truth = Array(api.indices(in: Window(days: day, through: day)))
            return rows.sorted() != truth
        }
    }

    /// The issue's lower bound: the sum over the run's 31-day spans of ceil(rows / cap).
    var lowerBound: Int {
        stride(from: 0, to: days.count, by: 31).reduce(0) { total, start in
            let span = Window(days: days[start], through: days[min(days.count, start + 31) - 1])
            return total + max(1, (api.indices(in: span).count + api.cap - 1) / api.cap)
        }
    }
}
