package import WolkvoxAPI

/// How many calls a range will cost: the run's own `ExtractionMachine`, answered by the density
/// model instead of the API.
///
/// The model answers a window with the rows the density expects in it, spread evenly over each
/// hour; a window expected to hold the cap comes back cut the way the state says the API cuts
/// (any subset while it is not known). Where the density is unknown there is nothing to
/// simulate: the estimate is then a lower bound, one call per span of up to 31 days.
package enum CallEstimate {
    package struct Estimate: Sendable {
        package var calls: Int
        /// Whether `calls` is only a lower bound (nothing learned about the range yet).
        package var isLowerBound: Bool
        /// The requests the run would make, in the order it would make them (each names its
        /// parameter lane: a list of values costs a call per value per window).
        package var requests: [ExtractionRequest]

        /// The windows the run would ask, in the order it would ask them.
        package var windows: [Window] { requests.map(\.window) }
    }

    package static func simulate(
        spans: [Window], days: [LocalDay], configuration: ExtractionMachine.Configuration, density: DensityModel,
        belief: CutBelief, concurrency: Int, lanes: [ParameterLane] = [ParameterLane(index: 0, parameters: [])]
    ) -> Estimate {
        var machine = LanedExtraction(
            lanes: lanes, spans: spans, days: days, configuration: configuration, density: density, belief: belief)
        guard !density.isEmpty else {
            var requests: [ExtractionRequest] = []
            while true {
                let step = machine.next(slots: 1)
                guard let request = step.requests.first else { break }
                requests.append(request)
                _ = machine.receive(request, answer: WindowAnswer(rows: 0, heldCap: false, seconds: [:]))
            }
            return Estimate(calls: requests.count, isLowerBound: true, requests: requests)
        }
        // Each lane is answered with its share of the rows the state knows (the state keeps the
        // rows of every value together).
        let share = density.shared(among: max(1, lanes.count))
        var inFlight: [ExtractionRequest] = []
        var requests: [ExtractionRequest] = []
        // A guard against a machine that would not end: far more calls than any daily quota.
        while requests.count < 100_000 {
            inFlight += machine.next(slots: max(1, concurrency) - inFlight.count).requests
            guard !inFlight.isEmpty else { break }
            let request = inFlight.removeFirst()
            requests.append(request)
            let answer = modelAnswer(request.window, density: share, cap: configuration.cap, keeps: belief.keeping)
            _ = machine.receive(request, answer: answer)
        }
        return Estimate(calls: requests.count, isLowerBound: false, requests: requests)
    }

    /// What an API with this density would answer for `window`. Each hour's rows sit at fixed
    /// seconds of the hour, so two windows that overlap show the same rows where they overlap.
    static func modelAnswer(_ window: Window, density: DensityModel, cap: Int, keeps: CutSide?) -> WindowAnswer {
        var rows: [Int] = []
        var bucket = DensityModel.floorDiv(window.start.naiveSeconds, 3600)
        while bucket * 3600 <= window.end.naiveSeconds {
            let n = Int((density.rows(inBucket: bucket) ?? 0).rounded())
            for i in 0..<max(0, n) {
                let second = bucket * 3600 + (i * 3600) / n
                if second >= window.start.naiveSeconds && second <= window.end.naiveSeconds { rows.append(second) }
            }
            bucket += 1
        }
        if rows.count >= cap {
            switch keeps {
            case .newest?: rows = Array(rows.suffix(cap))
            case .oldest?: rows = Array(rows.prefix(cap))
            case nil:
                let total = rows.count
                rows = (0..<cap).map { rows[$0 * total / cap] }
            }
        }
        var seconds: [Int: Int] = [:]
        for second in rows { seconds[second, default: 0] += 1 }
        return WindowAnswer(rows: rows.count, heldCap: rows.count >= cap, seconds: seconds)
    }
}
