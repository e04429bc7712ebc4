package import WolkvoxAPI

/// A query the mock answers with a 500 every time it is asked: one parameter value failing one
/// day (`skill_id=7` on 2025-03-02), while the same day's other values and the value's other
/// days answer. Deterministic, unlike the rates: a client's retries never get past it.
package struct FailingQuery: Sendable, Hashable {
    /// The parameter's name as the query spells it (`skill_id`).
    package var parameter: String
    /// The value asked (`7`); `all` is a value like any other.
    package var value: String
    /// A window touching this local day fails.
    package var day: LocalDay

    package init(parameter: String, value: String, day: LocalDay) {
        self.parameter = parameter
        self.value = value
        self.day = day
    }

    /// Whether a request asking `window` with these query values is to fail.
    package func matches(window: Window, query: (String) -> String?) -> Bool {
        query(parameter) == value && window.days.contains(day)
    }
}
