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

    /// What an API with this density would answer for `window`.
    static func modelAnswer(_ window: Window, density: DensityModel, cap: Int, keeps: CutSide?) -> WindowAnswer {
        var buckets: [(bucket: Int, low: Int, high: Int, rows: Int)] = []
        var cursor = window.start.naiveSeconds
        while cursor <= window.end.naiveSeconds {
            let bucket = DensityModel.floorDiv(cursor, 3600)
            let high = min(window.end.naiveSeconds, bucket * 3600 + 3599)
            let rate = density.rows(inBucket: bucket) ?? 0
            buckets.append((bucket, cursor, high, Int((rate * Double(high - cursor + 1) / 3600).rounded())))
            cursor = high + 1
        }
        let total = buckets.reduce(0) { $0 + $1.rows }
        var kept = buckets
        if total >= cap {
            var left = cap
            switch keeps {
            case .newest?, .oldest?:
                if keeps == .newest { kept.reverse() }
                kept = kept.map { b in
                    let n = min(left, b.rows)
                    left -= n
                    return (b.bucket, b.low, b.high, n)
                }
            case nil:
                kept = kept.map { ($0.bucket, $0.low, $0.high, $0.rows * cap / total) }
            }
        }
        var seconds: [Int: Int] = [:]
        for b in kept where b.rows > 0 {
            let span = b.high - b.low + 1
            for i in 0..<b.rows { seconds[b.low + (i * span) / b.rows, default: 0] += 1 }
        }
        return WindowAnswer(rows: min(total, cap), heldCap: total >= cap, seconds: seconds)
    }
}
