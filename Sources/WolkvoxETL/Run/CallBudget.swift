/// Counts the API calls of a run against `max_calls` (each call spends one of the day's quota).
actor CallBudget {
    let limit: Int
    private(set) var used = 0
    private(set) var retries = 0
    private(set) var exhausted = false

    init(limit: Int) { self.limit = limit }

    /// Takes one call from the budget; false when it is spent.
    func take() -> Bool {
        guard used < limit else {
            exhausted = true
            return false
        }
        used += 1
        return true
    }

    func noteRetry() { retries += 1 }
}
