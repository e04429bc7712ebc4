public import WolkvoxAPI

/// How many calls a plan will cost, from the rows earlier runs landed for its days.
///
/// A window whose known rows reach the cap is split the way the runner splits it (at day
/// boundaries, then within a day), so the estimate follows the same arithmetic as the run.
public enum CallEstimate {
    public static func calls(windows: [Window], rowsByDay: [String: Int], cap: Int) -> Int {
        windows.reduce(0) { $0 + calls(for: $1, rowsByDay: rowsByDay, cap: cap) }
    }

    static func calls(for window: Window, rowsByDay: [String: Int], cap: Int) -> Int {
        let days = window.days
        let rows = days.reduce(0) { $0 + (rowsByDay[$1.description] ?? 0) }
        guard rows >= cap else { return 1 }
        // The full window is asked once and comes back at the cap; then its pieces are asked.
        if days.count > 1 {
            let mid = days.count / 2
            return 1 + calls(for: Window(days: days[0], through: days[mid - 1]), rowsByDay: rowsByDay, cap: cap)
                + calls(for: Window(days: days[mid], through: days[days.count - 1]), rowsByDay: rowsByDay, cap: cap)
        }
        return callsWithinDay(rows: rows, cap: cap)
    }

    /// Within one day a capped window is halved until the pieces come back under the cap;
    /// the rows are assumed spread evenly over the day.
    static func callsWithinDay(rows: Int, cap: Int) -> Int {
        rows < cap ? 1 : 1 + 2 * callsWithinDay(rows: rows / 2, cap: cap)
    }
}
