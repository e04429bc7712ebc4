extension Collection where Element: Sendable {
    /// Runs `body` for every element, at most `width` at once, in the collection's order. The
    /// first error cancels the others (awaiting them) and is thrown.
    func concurrentlyForEach(atMost width: Int, _ body: @escaping @Sendable (Element) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for element in self {
                if running >= Swift.max(1, width) {
                    try await group.next()
                    running -= 1
                }
                group.addTask { try await body(element) }
                running += 1
            }
            try await group.waitForAll()
        }
    }
}
