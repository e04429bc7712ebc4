public import WolkvoxAPI

/// Tracks which windows still cover each day of a run, so a day is landed only once every
/// window that covers it has arrived.
///
/// - Important: Pure state: no I/O. The runner feeds it outcomes and acts on what it returns.
public struct DayLedger: Sendable {
    public enum DayState: Sendable, Equatable {
        case waiting
        case failed(String)
        case landed
    }

    private(set) var pending: [LocalDay: Set<Window>] = [:]
    private(set) var finished: [LocalDay: [Window]] = [:]
    public private(set) var states: [LocalDay: DayState] = [:]

    public init(days: [LocalDay], windows: [Window]) {
        for day in days {
            pending[day] = []
            finished[day] = []
            states[day] = .waiting
        }
        for window in windows { add(window) }
    }

    private mutating func add(_ window: Window) {
        for day in window.days where pending[day] != nil {
            pending[day]!.insert(window)
        }
    }

    /// A window arrived whole. Returns the days it completed, with their windows in time order.
    public mutating func complete(_ window: Window) -> [(day: LocalDay, windows: [Window])] {
        var ready: [(LocalDay, [Window])] = []
        for day in window.days where pending[day] != nil {
            pending[day]!.remove(window)
            finished[day]!.append(window)
            if pending[day]!.isEmpty, states[day] == .waiting {
                ready.append((day, finished[day]!.sorted()))
            }
        }
        return ready
    }

    /// A window held the cap and was replaced by `pieces`.
    public mutating func replace(_ window: Window, with pieces: [Window]) {
        for day in window.days where pending[day] != nil {
            pending[day]!.remove(window)
        }
        for piece in pieces { add(piece) }
    }

    /// A window failed for good: every day it covers fails. Returns the days newly failed.
    public mutating func fail(_ window: Window, reason: String) -> [LocalDay] {
        var failed: [LocalDay] = []
        for day in window.days where states[day] == .waiting {
            states[day] = .failed(reason)
            failed.append(day)
        }
        return failed
    }

    public mutating func markLanded(_ day: LocalDay) { states[day] = .landed }

    /// Whether a day can still land (it has not failed).
    public func isAlive(_ day: LocalDay) -> Bool { states[day] == .waiting }

    public var failedDays: [(LocalDay, String)] {
        states.compactMap { day, state in
            if case .failed(let reason) = state { return (day, reason) }
            return nil
        }.sorted { $0.0 < $1.0 }
    }
}
