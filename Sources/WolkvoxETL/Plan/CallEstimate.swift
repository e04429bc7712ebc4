public import WolkvoxAPI

/// How many calls a range will cost: the run's own `ExtractionMachine`, answered by the density
/// model instead of the API.
///
/// The model answers a window with the rows the density expects in it, spread evenly over each
/// hour; a window expected to hold the cap comes back cut the way the state says the API cuts
/// (any subset while it is not known). Where the density is unknown there is nothing to
/// simulate: the estimate is then a lower bound, one call per span of up to 31 days.
public enum CallEstimate {
    public struct Estimate: Sendable {
        public var calls: Int
        /// Whether `calls` is only a lower bound (nothing learned about the range yet).
        public var isLowerBound: Bool
        /// The windows the run would ask, in the order it would ask them.
        public var windows: [Window]
    }

    public static func simulate(
        spans: [Window], days: [LocalDay], configuration: ExtractionMachine.Configuration, density: DensityModel,
        belief: CutBelief, concurrency: Int
    ) -> Estimate {
        var machine = ExtractionMachine(spans: spans, days: days, configuration: configuration, density: density, belief: belief)
        guard !density.isEmpty else {
            var windows: [Window] = []
            while true {
                let step = machine.next(slots: 1)
                guard let request = step.requests.first else { break }
                windows.append(request.window)
                _ = machine.receive(request.id, answer: WindowAnswer(rows: 0, heldCap: false, seconds: [:]))
            }
            return Estimate(calls: windows.count, isLowerBound: true, windows: windows)
        }
        var inFlight: [ExtractionRequest] = []
        var windows: [Window] = []
        // A guard against a machine that would not end: far more calls than any daily quota.
        while windows.count < 100_000 {
            inFlight += machine.next(slots: max(1, concurrency) - inFlight.count).requests
            guard !inFlight.isEmpty else { break }
            let request = inFlight.removeFirst()
            windows.append(request.window)
            let answer = modelAnswer(request.window, density: density, cap: configuration.cap, keeps: belief.keeping)
            _ = machine.receive(request.id, answer: answer)
        }
        return Estimate(calls: windows.count, isLowerBound: false, windows: windows)
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
