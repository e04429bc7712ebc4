public import WolkvoxAPI

/// How many calls a range will cost: the run's own schedule, driven by the density model instead
/// of the API.
///
/// A window whose expected rows reach the cap is taken to come back cut, newest first, where the
/// cap is reached, as the API does; the rest goes back to its chain exactly as in a run. Where the
/// density is unknown every window is taken to come back under the cap.
public enum CallEstimate {
    public struct Estimate: Sendable {
        public var calls: Int
        /// The windows the run would ask, in the order it would ask them.
        public var windows: [Window]
    }

    public static func simulate(
        spans: [Window], planner: WindowPlanner, density: DensityModel, cap: Int, concurrency: Int
    ) -> Estimate {
        var schedule = FetchSchedule(spans: spans, planner: planner, density: density, cap: cap)
        var inFlight: [FetchSchedule.Request] = []
        var windows: [Window] = []
        // A guard against a schedule that would not end: far more calls than any daily quota.
        while windows.count < 1_000_000 {
            inFlight += schedule.next(slots: max(1, concurrency) - inFlight.count)
            guard !inFlight.isEmpty else { break }
            let request = inFlight.removeFirst()
            windows.append(request.window)
            guard let rows = density.rows(in: request.window), rows >= Double(cap) else {
                schedule.arrived(request)
                continue
            }
            if let kept = newestPart(of: request.window, holding: Double(cap - 1), planner: planner, density: density) {
                schedule.truncated(request, kept: kept)
            } else {
                schedule.excluding(request, second: request.window.end)
            }
        }
        return Estimate(calls: windows.count, windows: windows)
    }

    /// The newest part of `window` expected to hold at most `rows` rows, or nil when its last
    /// second alone is expected to hold more. A cut response never counts as the whole window: when
    /// everything fits, all but the first second is kept.
    static func newestPart(of window: Window, holding rows: Double, planner: WindowPlanner, density: DensityModel) -> Window? {
        let start = planner.newestStart(of: window, holding: rows, density: density)
        guard start <= window.end else { return nil }
        guard start > window.start else {
            return window.seconds > 1 ? Window(start: window.start.adding(seconds: 1), end: window.end) : nil
        }
        return Window(start: start, end: window.end)
    }
}
